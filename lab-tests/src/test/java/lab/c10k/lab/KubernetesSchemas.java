package lab.c10k.lab;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.gson.annotations.SerializedName;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Schemas of the objects k8s/ makes, for Kubernetes 1.34, checked with networknt's validator (as
 * ComposeSchema checks docker-compose.yml). No schema file can be downloaded here, so each is derived from a pinned
 * Maven Central artifact that carries one:
 * <ul>
 * <li>built-in kinds: the official Java client's models (io.kubernetes:client-java-api 25.0.0), which the
 * Kubernetes project generates from Kubernetes 1.34's OpenAPI document: each model's fields are its properties,
 * with their types, and its {@code openapiRequiredFields} are the document's {@code required};</li>
 * <li>ServiceMonitor (monitoring.coreos.com/v1): fabric8's model of the Prometheus Operator's CRD
 * (io.fabric8:openshift-model-monitoring 7.4.0), field names and types; it does not keep {@code required};</li>
 * <li>TestRun (k6.io/v1alpha1): no artifact carries the k6-operator's CRD, so src/test/resources/k6-operator/ holds
 * a schema written here from the operator's TestRunSpec (v1.6.0), its Kubernetes parts referring to the 1.34
 * definitions above.</li>
 * </ul>
 * Strict, as kubeconform's strict schemas: a property the type does not declare is an error (the API server would
 * drop it or refuse it), so a misspelt field fails here rather than being ignored in a cluster.
 */
final class KubernetesSchemas {

    static final String KUBERNETES_VERSION = "1.34";

    /** apiVersion/kind of every kind k8s/ may use, and the model its schema is derived from. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/Service", V1Service.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "apps/v1/Deployment", V1Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);
    private static final String TEST_RUN = "k6.io/v1alpha1/TestRun";
    private static final String TEST_RUN_SCHEMA = "/k6-operator/testrun-v1alpha1.json";
    private static final String CLIENT_MODELS = "io.kubernetes.client.openapi.models.";
    private static final Pattern DEFINITION_REF = Pattern.compile("\"#/\\$defs/([A-Za-z0-9_.]+)\"");

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final ObjectNode definitions = json.objectNode();
    private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getDraft202012(), builder -> builder
            .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas;

    KubernetesSchemas() {
        // Every definition first: each kind's document shares the one set of them.
        definitions.set("TestRun", testRunSchema());
        MODELS.values().forEach(this::reference);
        schemas = new HashMap<>();
        MODELS.forEach((kind, model) -> schemas.put(kind, document(kind, reference(model))));
        schemas.put(TEST_RUN, document(TEST_RUN, json.objectNode().put("$ref", "#/$defs/TestRun")));
    }

    /** Every kind this can check, as apiVersion/kind. */
    Set<String> kinds() {
        return schemas.keySet();
    }

    /** Every violation of the object's schema, each as "where: what"; an unknown kind is one too. */
    List<String> violations(JsonNode object) {
        String kind = object.path("apiVersion").asString("") + "/" + object.path("kind").asString("");
        Schema schema = schemas.get(kind);
        if (schema == null) {
            return List.of("no schema for " + kind + " (known: " + new TreeSet<>(schemas.keySet()) + ")");
        }
        return schema.validate(object).stream().map(Error::toString).toList();
    }

    /** The schema derived for a model class, as JSON: for the tests of this derivation. */
    JsonNode definitionOf(Class<?> model) {
        return definitions.get(key(model));
    }

    private Schema document(String kind, ObjectNode root) {
        int slash = kind.lastIndexOf('/');
        ObjectNode document = json.objectNode();
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        ArrayNode allOf = document.putArray("allOf");
        allOf.add(root);
        ObjectNode identity = allOf.addObject();
        identity.putArray("required").add("apiVersion").add("kind").add("metadata");
        identity.putObject("properties").putObject("apiVersion").put("const", kind.substring(0, slash));
        identity.withObject("properties").putObject("kind").put("const", kind.substring(slash + 1));
        document.set("$defs", definitions);
        return registry.getSchema(SchemaLocation.of("urn:c10k-lab:k8s:" + kind.replace('/', ':')), document);
    }

    private ObjectNode testRunSchema() {
        try (InputStream in = KubernetesSchemas.class.getResourceAsStream(TEST_RUN_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("No " + TEST_RUN_SCHEMA + " on the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ObjectNode schema = (ObjectNode) JsonMapper.builder().build().readTree(text);
            ObjectNode own = (ObjectNode) schema.remove("$defs");
            if (own != null) {
                own.properties().forEach(entry -> definitions.set(entry.getKey(), entry.getValue()));
            }
            // Its Kubernetes parts (V1EnvVar, V1Volume, ...) are the client's models, derived like the rest.
            Matcher refs = DEFINITION_REF.matcher(text);
            while (refs.find()) {
                String name = refs.group(1);
                if (own == null || !own.has(name)) {
                    reference(Class.forName(CLIENT_MODELS + name));
                }
            }
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(TEST_RUN_SCHEMA + " names a Kubernetes definition the client lacks", e);
        }
    }

    private ObjectNode schemaOf(Type type) {
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = json.objectNode().put("type", "array");
                array.set("items", schemaOf(arguments[0]));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = json.objectNode().put("type", "object");
                map.set("additionalProperties", schemaOf(arguments[1]));
                return map;
            }
            return schemaOf(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return json.objectNode();
        }
        String name = c.getSimpleName();
        if (c == String.class || c == Character.class || c == byte[].class || Temporal.class.isAssignableFrom(c)
                || c == java.util.Date.class) {
            return json.objectNode().put("type", "string");
        }
        if (c == Integer.class || c == Long.class || c == Short.class || c == int.class || c == long.class) {
            return json.objectNode().put("type", "integer");
        }
        if (c == Double.class || c == Float.class || c == BigDecimal.class || c == Number.class
                || c == double.class || c == float.class) {
            return json.objectNode().put("type", "number");
        }
        if (c == Boolean.class || c == boolean.class) {
            return json.objectNode().put("type", "boolean");
        }
        // Both models' own wrappers for Kubernetes' int-or-string and quantity (e.g. 8080 or "http"; 1 or "1Gi").
        if (name.equals("IntOrString")) {
            return types("integer", "string");
        }
        if (name.equals("Quantity")) {
            return types("string", "number");
        }
        if (c == Object.class || Map.class.isAssignableFrom(c)) {
            return json.objectNode();
        }
        if (c.isEnum()) {
            ObjectNode values = json.objectNode();
            ArrayNode constants = values.putArray("enum");
            for (Field constant : c.getFields()) {
                if (constant.isEnumConstant()) {
                    constants.add(jsonName(constant));
                }
            }
            return values;
        }
        return reference(c);
    }

    private ObjectNode reference(Class<?> model) {
        String key = key(model);
        if (!definitions.has(key)) {
            ObjectNode definition = json.objectNode().put("type", "object");
            definitions.set(key, definition);
            ObjectNode properties = definition.putObject("properties");
            for (Field field : model.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()
                        || field.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                properties.set(jsonName(field), schemaOf(field.getGenericType()));
            }
            ArrayNode required = definition.putArray("required");
            requiredFields(model).forEach(required::add);
            definition.put("additionalProperties", false);
        }
        return json.objectNode().put("$ref", "#/$defs/" + key);
    }

    private ObjectNode types(String... names) {
        ObjectNode node = json.objectNode();
        ArrayNode types = node.putArray("type");
        for (String name : names) {
            types.add(name);
        }
        return node;
    }

    /** The client's models list their OpenAPI {@code required} in a static field; fabric8's keep none. */
    @SuppressWarnings("unchecked")
    private static Collection<String> requiredFields(Class<?> model) {
        try {
            Field required = model.getDeclaredField("openapiRequiredFields");
            return new TreeSet<>((Collection<String>) required.get(null));
        } catch (NoSuchFieldException e) {
            return List.of();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jsonName(Field field) {
        SerializedName gson = field.getAnnotation(SerializedName.class);
        if (gson != null) {
            return gson.value();
        }
        JsonProperty jackson = field.getAnnotation(JsonProperty.class);
        if (jackson != null && !jackson.value().isEmpty()) {
            return jackson.value();
        }
        return field.getName();
    }

    private static String key(Class<?> model) {
        String name = model.getName();
        return name.startsWith(CLIENT_MODELS) ? name.substring(CLIENT_MODELS.length())
                : name.replace("io.fabric8.", "fabric8.").replace('$', '.');
    }
}
