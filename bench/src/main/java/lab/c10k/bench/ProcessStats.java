package lab.c10k.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the kernel says about a process: CPU ticks (/proc/PID/stat utime + stime), resident memory and OS thread
 * count (/proc/PID/status). Read from outside, so a JVM that cannot answer HTTP is still measured.
 */
record ProcessStats(long cpuTicks, long rssBytes, int threads) {

    static ProcessStats read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            if (state == 'Z' || state == 'X') {
                return null; // exited, not yet reaped by its parent
            }
            return new ProcessStats(cpuTicks(stat), statusValue(pid, "VmRSS:") * 1024, (int) statusValue(pid, "Threads:"));
        } catch (IOException e) {
            return null; // the process has exited
        }
    }

    /** Fields 14 and 15 (utime, stime) of /proc/PID/stat; counted after the command name, which may hold spaces. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long statusValue(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** The number of CPUs in a taskset list such as "0", "0-1" or "0,2-3". */
    static int cpuCount(String cpuList) {
        int count = 0;
        for (String part : cpuList.split(",")) {
            String[] range = part.trim().split("-");
            count += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        }
        return count;
    }
}
