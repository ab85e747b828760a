package io.dsqlkit.local.gateway.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A throw-away local CA and a server certificate it signs, for localhost, 127.0.0.1 and any extra
 * host names (e.g. {@code abc.dsql.us-east-1.on.aws} resolved to loopback, to exercise the AWS
 * client path). Clients trust {@link #caPemFile()} as {@code sslrootcert} and use
 * {@code sslmode=verify-full}. EC P-256 keys: fast to generate, supported by libpq and the JDK.
 */
public final class LocalCertificates {
    private final KeyPair serverKey;
    private final X509Certificate serverCert;
    private final X509Certificate caCert;
    private final Path caPemFile;

    private LocalCertificates(KeyPair serverKey, X509Certificate serverCert, X509Certificate caCert, Path caPemFile) {
        this.serverKey = serverKey;
        this.serverCert = serverCert;
        this.caCert = caCert;
        this.caPemFile = caPemFile;
    }

    /** Generates the CA and server certificate; writes the CA PEM to {@code caPemFile}. */
    public static LocalCertificates generate(Set<String> extraHostNames, Path caPemFile) {
        try {
            Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
            names.addAll(extraHostNames);
            KeyPair caKey = ecKey();
            KeyPair serverKey = ecKey();
            Instant now = Instant.now();
            X500Name caName = new X500Name("CN=dsqlkit local CA " + now.getEpochSecond());
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(825))), caName, caKey.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKey.getPublic()));
            X509Certificate caCert = sign(ca, caKey);

            X509v3CertificateBuilder srv = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(397))), new X500Name("CN=localhost"), serverKey.getPublic());
            List<GeneralName> san = new ArrayList<>();
            for (String n : names) {
                san.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
            }
            srv.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            srv.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            srv.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            srv.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(GeneralName[]::new)));
            srv.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate serverCert = sign(srv, caKey);

            Files.createDirectories(caPemFile.toAbsolutePath().getParent());
            Files.writeString(caPemFile, pem("CERTIFICATE", caCert.getEncoded()));
            return new LocalCertificates(serverKey, serverCert, caCert, caPemFile);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the local TLS certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local CA certificate to " + caPemFile + ": " + e.getMessage(), e);
        }
    }

    public java.security.PrivateKey serverKey() {
        return serverKey.getPrivate();
    }

    public X509Certificate serverCertificate() {
        return serverCert;
    }

    public X509Certificate caCertificate() {
        return caCert;
    }

    /** The CA certificate in PEM form: give it to clients as {@code sslrootcert}. */
    public Path caPemFile() {
        return caPemFile;
    }

    private static boolean isIp(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        ContentSigner cs = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(cs));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

}
