package io.switchboard.spi.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSpecTest {

    private static final ConfigSpec NESTED = ConfigSpec.of(
            ConfigKey.integer("permits").defaultValue(10).validate(Validator.atLeast(1)).doc("Permits."));

    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigKey.string("name").required().doc("A name."),
            ConfigKey.integer("size").defaultValue(5).validate(Validator.between(1, 10)).doc("A size."),
            ConfigKey.longValue("big").defaultValue(1).doc("A long."),
            ConfigKey.decimal("ratio").defaultValue(0.5).doc("A ratio."),
            ConfigKey.bool("on").defaultValue(false).doc("A flag."),
            ConfigKey.duration("wait").defaultValue("5s").validate(Validator.positiveDuration()).doc("A wait."),
            ConfigKey.list("tags").doc("Tags."),
            ConfigKey.oneOf("mode", "fast", "safe").defaultValue("safe").doc("A mode."),
            ConfigKey.secret("token").doc("A secret."),
            ConfigKey.object("limits", NESTED).doc("Limits."),
            ConfigKey.map("extra").doc("Free-form."),
            ConfigKey.array("items").doc("Free-form list."));

    private static final SecretResolver ENV = (scheme, name) -> "env".equals(scheme)
            ? Optional.ofNullable(Map.of("TOKEN", "s3cret").get(name)) : Optional.empty();

    private static List<ConfigProblem> problems(JsonObject raw) {
        return SPEC.validate(raw, ENV).problems();
    }

    private static JsonObject valid() {
        return new JsonObject().put("name", "x");
    }

    @Test
    void validConfigShouldConvertEveryType() {
        ConfigValues v = SPEC.validate(valid().put("size", "7").put("big", 3_000_000_000L).put("ratio", 2)
                .put("on", "true").put("wait", "250ms").put("tags", new JsonArray().add("a").add(1))
                .put("mode", "fast").put("token", "${env:TOKEN}").put("limits", new JsonObject().put("permits", 3))
                .put("extra", new JsonObject().put("k", "v")).put("items", new JsonArray().add(1)), ENV).orThrow("f");
        assertThat(v.getString("name")).isEqualTo("x");
        assertThat(v.getInt("size")).isEqualTo(7);
        assertThat(v.getLong("big")).isEqualTo(3_000_000_000L);
        assertThat(v.getDouble("ratio")).isEqualTo(2.0);
        assertThat(v.getBoolean("on")).isTrue();
        assertThat(v.getDuration("wait")).isEqualTo(Duration.ofMillis(250));
        assertThat(v.getList("tags")).containsExactly("a", "1");
        assertThat(v.getString("mode")).isEqualTo("fast");
        assertThat(v.getString("token")).isEqualTo("s3cret");
        assertThat(v.getObject("limits").getInt("permits")).isEqualTo(3);
        assertThat(v.getJson("extra").getString("k")).isEqualTo("v");
        assertThat(v.getArray("items").size()).isEqualTo(1);
    }

    @Test
    void defaultsShouldApplyWhenKeysAreAbsent() {
        ConfigValues v = SPEC.validate(valid(), ENV).orThrow("f");
        assertThat(v.getInt("size")).isEqualTo(5);
        assertThat(v.getDuration("wait")).isEqualTo(Duration.ofSeconds(5));
        assertThat(v.getObject("limits").getInt("permits")).isEqualTo(10);
        assertThat(v.has("token")).isFalse();
        assertThat(v.getList("tags")).isEmpty();
    }

    @Test
    void missingRequiredKeyShouldFail() {
        assertThat(problems(new JsonObject())).extracting(ConfigProblem::toString).containsExactly("name: is required");
    }

    @Test
    void unknownKeyShouldFailListingKnownKeys() {
        assertThat(problems(valid().put("nmae", "y"))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("nmae");
            assertThat(p.message()).contains("not a known key").contains("name, size");
        });
    }

    @Test
    void nonNumericIntShouldFailWithTheValue() {
        assertThat(problems(valid().put("size", "ten"))).extracting(ConfigProblem::toString)
                .containsExactly("size: must be a whole number (was: ten)");
    }

    @Test
    void outOfRangeIntShouldFail() {
        assertThat(problems(valid().put("size", 11))).extracting(ConfigProblem::toString)
                .containsExactly("size: must be between 1 and 10 (was: 11)");
    }

    @Test
    void intBeyond32BitsShouldFail() {
        assertThat(problems(valid().put("size", 5_000_000_000L))).extracting(ConfigProblem::message)
                .containsExactly("must fit in 32 bits");
    }

    @Test
    void badDecimalShouldFail() {
        assertThat(problems(valid().put("ratio", "half"))).extracting(ConfigProblem::message)
                .containsExactly("must be a number");
    }

    @Test
    void badBooleanShouldFail() {
        assertThat(problems(valid().put("on", "yes please"))).extracting(ConfigProblem::message)
                .containsExactly("must be true or false");
    }

    @Test
    void badDurationShouldFail() {
        assertThat(problems(valid().put("wait", "5 parsecs"))).extracting(ConfigProblem::message)
                .containsExactly("must be a duration such as 250ms, 5s, 10m, 72h or 7d");
    }

    @Test
    void zeroDurationShouldFailItsValidator() {
        assertThat(problems(valid().put("wait", "0s"))).extracting(ConfigProblem::message)
                .containsExactly("must be a positive duration");
    }

    @Test
    void badEnumShouldListAllowedValues() {
        assertThat(problems(valid().put("mode", "reckless"))).extracting(ConfigProblem::toString)
                .containsExactly("mode: must be one of fast, safe (was: reckless)");
    }

    @Test
    void listWithANestedMappingShouldNameTheItem() {
        assertThat(problems(valid().put("tags", new JsonArray().add("a").add(new JsonObject()))))
                .extracting(ConfigProblem::path).containsExactly("tags[1]");
    }

    @Test
    void literalSecretShouldBeRefusedWithoutEchoingIt() {
        List<ConfigProblem> p = problems(valid().put("token", "hunter2"));
        assertThat(p).singleElement().satisfies(x -> {
            assertThat(x.message()).contains("${env:NAME}").contains("literal secrets are not allowed");
            assertThat(x.toString()).doesNotContain("hunter2");
        });
    }

    @Test
    void unsetSecretShouldBeAMissingSecretProblem() {
        assertThat(problems(valid().put("token", "${env:NOPE}"))).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(ConfigProblem.Kind.MISSING_SECRET);
            assertThat(x.toString()).isEqualTo("token: environment variable NOPE is not set");
        });
    }

    @Test
    void unreadableSecretFileShouldBeAMissingSecretProblem() {
        assertThat(problems(valid().put("token", "${file:/nonexistent/secret}"))).singleElement()
                .satisfies(x -> assertThat(x.message()).isEqualTo("file /nonexistent/secret cannot be read"));
    }

    @Test
    void nestedProblemsShouldCarryTheFullPath() {
        assertThat(problems(valid().put("limits", new JsonObject().put("permits", 0))))
                .extracting(ConfigProblem::toString).containsExactly("limits.permits: must be at least 1 (was: 0)");
    }

    @Test
    void scalarWhereMappingExpectedShouldFail() {
        assertThat(problems(valid().put("limits", 3))).extracting(ConfigProblem::message)
                .containsExactly("must be a mapping");
    }

    @Test
    void scalarWhereSequenceExpectedShouldFail() {
        assertThat(problems(valid().put("items", "x"))).extracting(ConfigProblem::message)
                .containsExactly("must be a sequence");
    }

    @Test
    void everyProblemShouldBeReportedAtOnce() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> SPEC.validate(new JsonObject().put("size", 0).put("mode", "x"), ENV).orThrow("gateway.yaml"));
        assertThat(e.problems()).hasSize(3);
        assertThat(e.getMessage()).contains("gateway.yaml: name: is required")
                .contains("gateway.yaml: size: must be between 1 and 10 (was: 0)")
                .contains("gateway.yaml: mode: must be one of fast, safe (was: x)");
    }

    @Test
    void valuesToStringShouldMaskSecrets() {
        ConfigValues v = SPEC.validate(valid().put("token", "${env:TOKEN}"), ENV).orThrow("f");
        assertThat(v.toString()).contains("token=****").doesNotContain("s3cret");
    }

    @Test
    void undeclaredKeyLookupShouldBeAProgrammingError() {
        ConfigValues v = SPEC.validate(valid(), ENV).orThrow("f");
        assertThatThrownBy(() -> v.getString("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("undeclared config key 'nope'");
    }

    @Test
    void markdownShouldDocumentEveryKeyIncludingNestedOnes() {
        String md = SPEC.toMarkdown();
        assertThat(md).contains("| `name` | string | **required** | A name. |")
                .contains("| `wait` | duration | `5s` | A wait. |")
                .contains("| `limits.permits` | int | `10` | Permits. |");
    }

    @Test
    void durationsShouldParseEveryUnitAndIso() {
        assertThat(ConfigSpec.parseDuration("72h")).isEqualTo(Duration.ofHours(72));
        assertThat(ConfigSpec.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ConfigSpec.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(ConfigSpec.parseDuration("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigSpec.parseDuration("5")).isNull();
    }

    @Test
    void duplicateKeyDeclarationShouldFail() {
        assertThatThrownBy(() -> ConfigSpec.of(ConfigKey.string("a"), ConfigKey.string("a")))
                .hasMessageContaining("declared twice");
    }

    private static final ConfigSpec ACCOUNTS = ConfigSpec.of(ConfigKey.objects("accounts", ConfigSpec.of(
            ConfigKey.string("apiKey").required().doc("A key."),
            ConfigKey.secret("secret").required().doc("Its secret."))).doc("Accounts."));

    @Test
    void sequenceOfMappingsShouldValidateEachElementAndResolveItsSecrets() {
        ConfigValues v = ACCOUNTS.validate(new JsonObject().put("accounts", new JsonArray()
                .add(new JsonObject().put("apiKey", "a1").put("secret", "${env:TOKEN}"))), ENV).orThrow("f");
        assertThat(v.getObjects("accounts")).singleElement().satisfies(a -> {
            assertThat(a.getString("apiKey")).isEqualTo("a1");
            assertThat(a.getString("secret")).isEqualTo("s3cret");
        });
        assertThat(v.toString()).doesNotContain("s3cret");
    }

    @Test
    void absentSequenceOfMappingsShouldReadAsEmpty() {
        assertThat(ACCOUNTS.validate(new JsonObject(), ENV).orThrow("f").getObjects("accounts")).isEmpty();
    }

    @Test
    void sequenceOfMappingsProblemsShouldNameTheElement() {
        List<ConfigProblem> p = ACCOUNTS.validate(new JsonObject().put("accounts", new JsonArray()
                .add(new JsonObject().put("apiKey", "a1").put("secret", "${env:NOPE}"))
                .add("scalar")
                .add(new JsonObject().put("secret", "${env:TOKEN}"))), ENV).problems();
        assertThat(p).extracting(ConfigProblem::toString).containsExactly(
                "accounts[0].secret: environment variable NOPE is not set",
                "accounts[1]: must be a mapping (was: scalar)",
                "accounts[2].apiKey: is required");
        assertThat(p.get(0).kind()).isEqualTo(ConfigProblem.Kind.MISSING_SECRET);
    }

    @Test
    void markdownShouldDocumentSequenceOfMappingsElementKeys() {
        assertThat(ACCOUNTS.toMarkdown()).contains("| `accounts` | sequence of mappings |  | Accounts. |")
                .contains("| `accounts[].apiKey` | string | **required** | A key. |");
    }
}
