package io.authroutes.auth.camel;

/**
 * Where in a token endpoint's answer a value is, as an option of {@code authroutes:token} writes it:
 * a dotted path into the JSON body ({@code data.session.key}), {@code header:<Name>} (a response
 * header), {@code cookie:<name>} (a cookie the answer sets with {@code Set-Cookie}), or {@code body}
 * (the whole body as text, for APIs that answer the bare token).
 */
record AnswerSource(Place place, String name) {

    enum Place { JSON, HEADER, COOKIE, BODY }

    static AnswerSource parse(String option) {
        String text = option.trim();
        if (text.equals("body")) {
            return new AnswerSource(Place.BODY, "");
        }
        if (text.regionMatches(true, 0, "header:", 0, 7)) {
            return new AnswerSource(Place.HEADER, named(text.substring(7), option));
        }
        if (text.regionMatches(true, 0, "cookie:", 0, 7)) {
            return new AnswerSource(Place.COOKIE, named(text.substring(7), option));
        }
        return new AnswerSource(Place.JSON, named(text, option));
    }

    private static String named(String name, String option) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("'" + option + "' names no field, header or cookie; write e.g. expires_in,"
                    + " header:X-Session-Expires or cookie:SESSIONID");
        }
        return name.trim();
    }

    /** How an error message names it: {@code field 'validTo'}, {@code header X-Expires}, {@code cookie SID}. */
    String describe() {
        return switch (place) {
            case JSON -> "field '" + name + "'";
            case HEADER -> "header " + name;
            case COOKIE -> "cookie " + name;
            case BODY -> "body";
        };
    }
}
