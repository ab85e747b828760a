# Sourced by the benches that run a Java program against dsqlkit-local's classes (gateway, occ): compiles
# the modules (Maven resolves what it needs; no offline flag, so a fresh clone works) and sets $cp to
# the dependencies plus the modules' class folders. Needs $root.
(cd "$root" && ./mvnw -q -B -pl dsqlkit-local -am compile dependency:build-classpath \
  -Dmdep.outputFile="$root/dsqlkit-local/target/bench.classpath") >&2
cp="$(tr ':' '\n' < "$root/dsqlkit-local/target/bench.classpath" | grep -v "$root" | paste -sd:)"
cp="$cp:$root/dsqlkit-sql/target/classes:$root/dsqlkit-rules/target/classes:$root/dsqlkit-client/target/classes:$root/dsqlkit-local/target/classes"
