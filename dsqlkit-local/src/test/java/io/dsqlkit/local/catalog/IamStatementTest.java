package io.dsqlkit.local.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognising AWS IAM GRANT/REVOKE and the ARN shape (dsql-facts §5). */
class IamStatementTest {
    static java.util.Optional<IamRoleMappings.Change> parse(String sql) {
        return IamRoleMappings.parse(SqlWords.scan(sql));
    }

    @Test
    void grantAndRevoke() {
        assertThat(parse("AWS IAM GRANT example TO 'arn:aws:iam::012345678912:role/example';"))
                .contains(new IamRoleMappings.Change(true, "example", "arn:aws:iam::012345678912:role/example"));
        assertThat(parse("aws iam revoke \"Ex\" from 'arn:aws:iam::012345678912:user/alice'"))
                .contains(new IamRoleMappings.Change(false, "Ex", "arn:aws:iam::012345678912:user/alice"));
        assertThat(parse("AWS IAM GRANT example FROM 'arn'")).isEmpty();
        assertThat(parse("AWS IAM REVOKE example TO 'arn'")).isEmpty();
        assertThat(parse("GRANT example TO other")).isEmpty();
        assertThat(parse("AWS IAM GRANT example TO arn")).isEmpty();
    }

    @Test
    void arnShapes() {
        assertThat(IamRoleMappings.ARN.matcher("arn:aws:iam::012345678912:role/path/to/Role_1+=,.@-").matches()).isTrue();
        assertThat(IamRoleMappings.ARN.matcher("arn:aws-us-gov:iam::012345678912:user/bob").matches()).isTrue();
        assertThat(IamRoleMappings.ARN.matcher("arn:aws:iam::12345:role/x").matches()).isFalse();
        assertThat(IamRoleMappings.ARN.matcher("arn:aws:s3:::bucket").matches()).isFalse();
        assertThat(IamRoleMappings.ARN.matcher("example").matches()).isFalse();
    }
}
