package lab.c10k.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The repository's Dockerfile as its instructions: continuation lines joined, comments dropped, split into stages at
 * each FROM. Enough of the Dockerfile grammar for this one file, which keeps to plain instructions.
 */
record Dockerfile(String syntax, List<Stage> stages) {

    static final String PATH = "Dockerfile";

    record Instruction(String keyword, String arguments) {
    }

    /** One stage: its base image (or an earlier stage), its name if any, and what follows FROM. */
    record Stage(String base, String name, List<Instruction> instructions) {

        List<String> argumentsOf(String keyword) {
            return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword))
                    .map(Instruction::arguments).toList();
        }
    }

    static Dockerfile load() {
        return parse(RepositoryFiles.read(PATH));
    }

    static Dockerfile parse(String text) {
        String[] lines = text.split("\n", -1);
        String syntax = lines.length > 0 && lines[0].startsWith("# syntax=") ? lines[0].substring(9).trim() : null;
        List<Stage> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            add(pending.toString().strip(), stages);
            pending.setLength(0);
        }
        return new Dockerfile(syntax, stages);
    }

    private static void add(String instruction, List<Stage> stages) {
        if (instruction.isEmpty()) {
            return;
        }
        int space = instruction.indexOf(' ');
        String keyword = instruction.substring(0, space < 0 ? instruction.length() : space).toUpperCase(Locale.ROOT);
        String arguments = space < 0 ? "" : instruction.substring(space + 1).strip();
        if (keyword.equals("FROM")) {
            String[] words = arguments.split("\\s+");
            String name = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
            stages.add(new Stage(words[0], name, new ArrayList<>()));
        } else if (stages.isEmpty()) {
            throw new IllegalArgumentException("An instruction before the first FROM: " + instruction);
        } else {
            stages.getLast().instructions().add(new Instruction(keyword, arguments));
        }
    }

    Stage stage(String name) {
        return stages.stream().filter(stage -> name.equals(stage.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No stage " + name + " in " + PATH));
    }

    /** The stage the image is made of. */
    Stage finalStage() {
        return stages.getLast();
    }
}
