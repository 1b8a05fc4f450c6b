package lab.c10k.lab;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** docker-compose.yml as Compose resolves it (anchors and merge keys applied), with typed access to services. */
record ComposeFile(Map<String, Object> document) {

    static final String PATH = "docker-compose.yml";

    static ComposeFile load() {
        return parse(RepositoryFiles.read(PATH));
    }

    static ComposeFile parse(String yaml) {
        return new ComposeFile(Yaml11.load(yaml));
    }

    /** The document as JSON, the form the Compose schema describes. */
    JsonNode json() {
        return JsonMapper.builder().build().valueToTree(document);
    }

    Map<String, Object> services() {
        return Yaml11.map(document.get("services"), "services");
    }

    Map<String, Object> service(String name) {
        Object service = services().get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + " in " + PATH);
        }
        return Yaml11.map(service, "service " + name);
    }

    /** A service's command in its list form, each argument as text. */
    List<String> command(String name) {
        if (!(service(name).get("command") instanceof List<?> command)) {
            throw new IllegalArgumentException("The command of " + name + " in " + PATH + " is not a list");
        }
        return command.stream().map(String::valueOf).toList();
    }

    /** The services built from this repository's Dockerfile: the three models. */
    List<String> builtServices() {
        return services().keySet().stream().filter(name -> service(name).containsKey("build")).toList();
    }

    /** A service's environment in either of Compose's forms (a mapping, or a list of KEY=VALUE). */
    Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((key, value) -> variables.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                variables.put(equals < 0 ? text : text.substring(0, equals),
                        equals < 0 ? "" : text.substring(equals + 1));
            }
        }
        return variables;
    }

    /** The short-syntax port mappings of a service, e.g. {@code 127.0.0.1:8081:8080}. */
    List<String> ports(String name) {
        Object ports = service(name).get("ports");
        return ports instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
