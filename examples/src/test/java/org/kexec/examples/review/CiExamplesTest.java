package org.kexec.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The CI examples in {@code examples/ci/} run: each file is parsed as YAML, and the kbootc commands of its job run, as
 * its shell would run them, in a git repository of specs whose change is risky, with {@code ./kbootc} standing in for
 * the kboot checkout the job clones. The check passes, the review fails on the risk and leaves the pages and comment.
 */
class CiExamplesTest {

    private static final Path KBOOTC = ReviewRun.EXAMPLES.getParent().resolve("kbootc");

    @TempDir
    Path repository;

    @Test
    @SuppressWarnings("unchecked")
    void theGitHubWorkflowChecksAndReviews() throws Exception {
        Map<String, Object> workflow = yaml("github-workflow.yml");
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("review");
        List<String> commands = new ArrayList<>();
        for (Map<String, Object> step : (List<Map<String, Object>>) job.get("steps")) {
            Object run = step.get("run");
            if (run instanceof String command && command.contains("kbootc")) {
                commands.add(command.replace("${{ github.base_ref }}", "main"));
            }
        }
        runTheJob(commands);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGitLabJobChecksAndReviews() throws Exception {
        Map<String, Object> job = (Map<String, Object>) yaml("gitlab-ci.yml").get("kboot-review");
        List<String> commands = ((List<String>) job.get("script")).stream().filter(line -> line.contains("kbootc")).toList();
        assertEquals(List.of("review/"), ((Map<String, Object>) job.get("artifacts")).get("paths"));
        runTheJob(commands);
    }

    private void runTheJob(List<String> commands) throws Exception {
        assertEquals(2, commands.size(), commands.toString());
        Path specs = ReviewRun.copyOfExamples(repository.resolve("specs"));
        git("init", "-q");
        git("add", ".");
        git("-c", "user.name=kboot", "-c", "user.email=kboot@localhost", "commit", "-q", "-m", "fleet");
        git("update-ref", "refs/remotes/origin/main", "HEAD");
        ReviewRun.severalChanges(specs);

        assertEquals(0, shell(commands.get(0)), "check");
        assertEquals(1, shell(commands.get(1)), "review --fail-on risky on a risky change");
        String comment = Files.readString(repository.resolve("review/comparison.md"));
        assertTrue(comment.contains("RISKY: 3 boots have changes that weaken their security or stop them from loading."), comment);
        assertTrue(Files.isRegularFile(repository.resolve("review/fleet.kdump.crash_kernel.html")));
        assertTrue(Files.isRegularFile(repository.resolve("review/index.md")));
    }

    private static Map<String, Object> yaml(String name) throws IOException {
        try (InputStream in = Files.newInputStream(ReviewRun.EXAMPLES.resolve("ci").resolve(name))) {
            return new Yaml().load(in);
        }
    }

    /** Runs a job's command line as its shell would, with the kboot checkout's kbootc being this one. */
    private int shell(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-eo", "pipefail", "-c", command.replace(".kboot/kbootc", KBOOTC.toString()))
                .directory(repository.toFile()).redirectErrorStream(true);
        builder.environment().put("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        System.out.println("$ " + command + "\n" + output);
        return status;
    }

    private void git(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
