package lab.c10k.conformance.fuzz;

/** Content types a JSON body may be sent with, and the many it may not; Accept values a client might send. */
final class MediaTypes {

    /** application/json in its accepted spellings (the contract allows any charset parameter). */
    static final Gen<String> JSON = Gen.oneOf("application/json", "application/json; charset=utf-8",
            "application/json;charset=UTF-8", "APPLICATION/JSON", "application/json; charset=latin1",
            "application/json; charset=ISO-8859-1", "application/json; charset=utf-16",
            "application/json; charset=x-no-such");

    /** Not application/json, malformed, or a list: each must be refused (415) unless something else fails first. */
    static final Gen<String> WRONG = Gen.oneOf("text/plain", "text/plain; charset=utf-8", "application/xml", "text/xml",
            "multipart/form-data; boundary=fuzz", "multipart/form-data", "multipart/mixed; boundary=fuzz",
            "application/x-www-form-urlencoded", "application/octet-stream", "application/*", "*/*", "application",
            "json", "", ";", "/", "application/json/x", "application/jsonx", "application/problem+json",
            "application/vnd.api+json", "application/x-ndjson", "image/png", "text/json", "application/json; charset",
            "application/json; charset=\"", "application/json;;", "application/json, text/plain", "application/ json",
            "application/json\u0000", "applicati\u00F3n/json", "application/json; charset=\u00E9", "\u00FF\u00FE");

    /** Bodies that match some of the wrong types, so that a lenient parser would have something to parse. */
    static final Gen<String> FOREIGN_BODY = Gen.oneOf("code=G1&capacity=5", "<train><code>G1</code></train>",
            "--fuzz\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\nG1\r\n--fuzz--\r\n", "G101",
            "\u0089PNG\r\n");

    static final Gen<String> ACCEPT = Gen.oneOf("application/xml", "text/html", "image/png", "*/*",
            "application/json;q=0",
            "application/problem+json", "text/plain", ";;;", "application/xml;q=1, application/json;q=0", "",
            "text/event-stream", "application/x-ndjson", "application/*", "*/json", "application/json; charset=latin1");

    private MediaTypes() {
    }
}
