package io.authroutes.auth.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token answers as {@code authroutes:token} reads them, and JSON token requests as {@code authroutes:json} writes them. */
class JsonTextTest {

    @Test
    void answerIsAnObjectThenFieldsAreFoundByDottedPathInAnyCase() {
        Object answer = JsonText.read("{\"Data\":{\"Access_token\":\"tk-1\",\"expires_in\":3600},\"ok\":true}").orElseThrow();

        assertThat(JsonFields.text(answer, "data.access_token")).hasValue("tk-1");
        assertThat(JsonFields.text(answer, "Data.expires_in")).hasValue("3600");
        assertThat(JsonFields.find(answer, "ok")).hasValueSatisfying(ok -> assertThat(JsonFields.isTrue(ok)).isTrue());
        assertThat(JsonFields.text(answer, "data")).as("an object is not a value").isEmpty();
        assertThat(JsonFields.names((Map<?, ?>) answer)).isEqualTo("Data, ok");
    }

    @Test
    void numberIsKeptAsWrittenThenAnEpochWithAFractionStaysReadable() {
        Object answer = JsonText.read("{\"expires_at\":1733320000.5,\"big\":12345678901234567890}").orElseThrow();

        assertThat(JsonFields.text(answer, "expires_at")).hasValue("1733320000.5");
        assertThat(JsonFields.text(answer, "big")).hasValue("12345678901234567890");
    }

    @Test
    void fieldIsNullOrMissingThenNothingIsFound() {
        Object answer = JsonText.read("{\"access_token\":null}").orElseThrow();

        assertThat(JsonFields.find(answer, "access_token")).isEmpty();
        assertThat(JsonFields.find(answer, "access_token.value")).isEmpty();
        assertThat(JsonFields.find(answer, "token")).isEmpty();
    }

    @Test
    void messageIsAListThenItsItemsAreJoined() {
        Object answer = JsonText.read("{\"error_ui\":[\"wrong password\",\"account locked\"],\"code\":7}").orElseThrow();

        assertThat(JsonFields.message(answer, "error_ui")).hasValue("wrong password; account locked");
        assertThat(JsonFields.message(answer, "code")).hasValue("7");
    }

    @Test
    void okIsFalseZeroOrAnotherWordThenItIsNotTrue() {
        for (String ok : List.of("false", "0", "0.0", "\"no\"", "null")) {
            Object answer = JsonText.read("{\"ok\":" + ok + "}").orElseThrow();
            assertThat(JsonFields.find(answer, "ok").filter(JsonFields::isTrue)).as(ok).isEmpty();
        }
        assertThat(JsonFields.isTrue(JsonText.read("1").orElseThrow())).isTrue();
        assertThat(JsonFields.isTrue(JsonText.read("\"true\"").orElseThrow())).isTrue();
    }

    @Test
    void bodyIsNotJsonOrBrokenThenNoValue() {
        assertThat(JsonText.read("tk-plain-token")).isEmpty();
        assertThat(JsonText.read("<html><body>Bad gateway</body></html>")).isEmpty();
        assertThat(JsonText.read("{\"access_token\":\"tk-1\"")).isEmpty();
        assertThat(JsonText.read("[1, 2")).isEmpty();
        assertThat(JsonText.read("")).isEmpty();
    }

    @Test
    void bodyIsOneJsonStringThenThatStringIsTheValue() {
        assertThat(JsonText.read("\"tk-quoted\"")).hasValue("tk-quoted");
    }

    @Test
    void valueFollowedByMoreTextThenTheFirstValueIsRead() {
        assertThat(JsonText.read("{\"access_token\":\"tk-1\"} trailing")).hasValueSatisfying(answer ->
                assertThat(JsonFields.text(answer, "access_token")).hasValue("tk-1"));
    }

    @Test
    void requestFieldsThenOneObjectInOrderWithBooleansAndEscapedText() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("login", "clerk \"one\"\n");
        fields.put("remember", true);
        fields.put("password", "p\\w");

        assertThat(JsonText.object(fields)).isEqualTo("{\"login\":\"clerk \\\"one\\\"\\n\",\"remember\":true,\"password\":\"p\\\\w\"}");
    }
}
