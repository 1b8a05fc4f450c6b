package lab.c10k.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * bench.jar's commands, called by bench/*.sh:
 * <pre>
 *   get     --bench=F --scenarios=D [--quick] --key=PATH      a setting, for the scripts
 *   vars    --bench=F --scenarios=D [--quick] [--service=S]   the scripts' settings, as shell assignments
 *   measure --bench=F --scenarios=D [--quick] --scenario=S --service=N --round=R --base=URL --pid=P --out=FILE
 *   env     --out=FILE --command=... --java=... --jars=...     env.json (see Env)
 *   report  --dir=RESULTS_DIR                                 results.md, report.html, summary.json
 *   capacity --dir=RESULTS_DIR --inputs=CAPACITY_INPUTS_DIR   docs/scaling.md's tables (CapacityPlan)
 * </pre>
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        switch (args.command()) {
            case "get" -> System.out.println(Config.forShell(Json.at(config(args).bench(), args.get("key"))));
            case "vars" -> System.out.print(Config.shellVariables(config(args), args.get("service", "")));
            case "measure" -> {
                Map<String, Object> doc = new Measure(config(args), args).run();
                Json.writeCompact(Path.of(args.get("out")), doc);
                Progress.say("  %s on %s, round %s: %s", args.get("scenario"), args.get("service"), args.get("round"),
                        Boolean.TRUE.equals(doc.get("valid")) ? "checks passed" : "INVALID (a check failed)");
            }
            case "env" -> Json.write(Path.of(args.get("out")), Env.collect(args));
            case "report" -> new Report(Path.of(args.get("dir"))).write();
            case "capacity" -> System.out.print(CapacityPlan.print(Path.of(args.get("dir")), Path.of(args.get("inputs"))));
            default -> throw new IllegalArgumentException("unknown command " + args.command());
        }
    }

    private static Config config(Args args) {
        return Config.load(Path.of(args.get("bench", "bench/bench.json")),
                Path.of(args.get("scenarios", "k6/scenarios")), Boolean.parseBoolean(args.get("quick", "false")));
    }
}
