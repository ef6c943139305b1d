package org.kexec.examples.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kbootc review --base}: one change at a time in a copy of the bundled examples, compared with the examples as
 * they are, gives exactly the comment and the exit status {@code --fail-on risky} promises; a git revision as base
 * gives the same comment as a folder; a change of several things is a byte-compared expected output.
 */
class ReviewComparisonTest {

    @TempDir
    static Path temporary;

    private static Path root;

    @TempDir
    Path work;

    @BeforeAll
    static void hostRoot() throws Exception {
        root = ReviewRun.hostRoot(temporary.resolve("root"));
    }

    /** Reviews a copy of the examples after {@code change}, against the examples, and returns status and comment. */
    private ReviewRun.Result compare(Change change) throws Exception {
        return compare(specs -> { }, change);
    }

    /** The same, with {@code before} applied to both the base and the change first. */
    private ReviewRun.Result compare(Change before, Change change) throws Exception {
        Path base = ReviewRun.copyOfExamples(work.resolve("base"));
        Path changed = ReviewRun.copyOfExamples(work.resolve("changed"));
        before.apply(base);
        before.apply(changed);
        change.apply(changed);
        Path out = work.resolve("out");
        ReviewRun.Result result = ReviewRun.review(changed, out, root, "--base", base.toString(), "--fail-on", "risky");
        String comment = Files.readString(out.resolve("comparison.md"));
        return new ReviewRun.Result(result.status(), comment);
    }

    private interface Change {
        void apply(Path specs) throws Exception;
    }

    private static final String HEADER = "## kboot review: what this change does to the boots\n\n";

    @Test
    void aCommandLineChangeIsShownByParameter() throws Exception {
        ReviewRun.Result result = compare(specs -> ReviewRun.edit(specs.resolve("kdump.kboot"), "\"root=/dev/vda1 ro\"",
                "\"root=/dev/vda2 ro\""));
        assertEquals(0, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 1 changed, 7 unchanged. No risky change.

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.kdump.crash_kernel` | changed |  | plans | plans |

                ### fleet.kdump.crash\\_kernel (changed)

                - cmdline: "console=ttyS0,115200" "root=/dev/vda1 ro" → "console=ttyS0,115200" "root=/dev/vda2 ro".
                - Command line: added root=/dev/vda2.
                - Command line: removed root=/dev/vda1.
                - Plan: the bytes loaded changed, and with them the sha256 digest the purgatory verifies.

                """, result.output());
    }

    @Test
    void aHashOfNoneIsRisky() throws Exception {
        ReviewRun.Result result = compare(specs -> ReviewRun.edit(specs.resolve("custom-entry.kboot"), "hash sha512", "hash none"));
        assertEquals(1, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 2 changed, 6 unchanged. RISKY: 2 boots have changes that weaken their security or stop them from loading.

                - RISKY fleet.lab.lab\\_kernel: The purgatory hash is now none: the purgatory no longer verifies the loaded segments (was sha512).
                - RISKY fleet.lab.lab\\_kernel\\_debug: The purgatory hash is now none: the purgatory no longer verifies the loaded segments (was sha512).

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.lab.lab_kernel` | changed | risky | plans | plans |
                | `fleet.lab.lab_kernel_debug` | changed | risky | plans | plans |

                ### fleet.lab.lab\\_kernel (changed)

                - RISKY: The purgatory hash is now none: the purgatory no longer verifies the loaded segments (was sha512).
                - purgatory hash: sha512 → none.
                - Plan: the purgatory verifies with none instead of sha512.

                ### fleet.lab.lab\\_kernel\\_debug (changed)

                - RISKY: The purgatory hash is now none: the purgatory no longer verifies the loaded segments (was sha512).
                - purgatory hash: sha512 → none.
                - Plan: the purgatory verifies with none instead of sha512.

                """, result.output());
    }

    @Test
    void aDroppedSignatureRequirementIsRisky() throws Exception {
        ReviewRun.Result result = compare(specs -> ReviewRun.edit(specs.resolve("signed-file-load.kboot"),
                "    signed by debian_ca\n", ""));
        assertEquals(1, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 1 changed, 7 unchanged. RISKY: 1 boot has a change that weakens its security or stops it from loading.

                - RISKY fleet.secure.secure\\_reboot: The signature requirement of kernel fleet.secure.signed\\_vmlinuz was dropped (was signed by fleet.secure.debian\\_ca (/usr/share/kboot/certs/debian-secure-boot-ca.pem)).

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.secure.secure_reboot` | changed | risky | refused | plans |

                ### fleet.secure.secure\\_reboot (changed)

                - RISKY: The signature requirement of kernel fleet.secure.signed\\_vmlinuz was dropped (was signed by fleet.secure.debian\\_ca (/usr/share/kboot/certs/debian-secure-boot-ca.pem)).
                - kernel: fleet.secure.signed\\_vmlinuz = /boot/vmlinuz-6.1.0-56-amd64, signed by fleet.secure.debian\\_ca → fleet.secure.signed\\_vmlinuz = /boot/vmlinuz-6.1.0-56-amd64.
                - Plan: refused → plans.

                """, result.output());
    }

    @Test
    void removingLockdownIsRisky() throws Exception {
        ReviewRun.Result result = compare(specs -> ReviewRun.edit(specs.resolve("signed-file-load.kboot"), "target linux lockdown",
                "target linux"));
        assertEquals(1, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 1 changed, 7 unchanged. RISKY: 1 boot has a change that weakens its security or stops it from loading.

                - RISKY fleet.secure.secure\\_reboot: lockdown was removed from the target: the boot no longer assumes Secure Boot's kernel lockdown.

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.secure.secure_reboot` | changed | risky | refused | refused |

                ### fleet.secure.secure\\_reboot (changed)

                - RISKY: lockdown was removed from the target: the boot no longer assumes Secure Boot's kernel lockdown.
                - target: linux lockdown → linux.

                """, result.output());
    }

    @Test
    void droppingAPinnedDigestIsRisky() throws Exception {
        String digest = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(root.resolve("boot/vmlinuz-6.1.0-56-amd64"))));
        ReviewRun.Result result = compare(specs -> ReviewRun.edit(specs.resolve("debian-images.kboot"),
                "path \"/boot/vmlinuz-6.1.0-56-amd64\"\n", "path \"/boot/vmlinuz-6.1.0-56-amd64\"\n    digest \"" + digest + "\"\n"),
                specs -> ReviewRun.edit(specs.resolve("debian-images.kboot"), "    digest \"" + digest + "\"\n", ""));
        assertEquals(1, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 5 changed, 3 unchanged. RISKY: 5 boots have changes that weaken their security or stop them from loading.

                - RISKY fleet.lab.lab\\_kernel: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - RISKY fleet.lab.lab\\_kernel\\_debug: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - RISKY fleet.reboot.fast\\_reboot: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - RISKY fleet.kdump.crash\\_kernel: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - RISKY fleet.xen.xen\\_crash: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.lab.lab_kernel` | changed | risky | plans | plans |
                | `fleet.lab.lab_kernel_debug` | changed | risky | plans | plans |
                | `fleet.reboot.fast_reboot` | changed | risky | plans | plans |
                | `fleet.kdump.crash_kernel` | changed | risky | plans | plans |
                | `fleet.xen.xen_crash` | changed | risky | plans | plans |

                ### fleet.lab.lab\\_kernel (changed)

                - RISKY: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - kernel: fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64, digest sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b → fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64.

                ### fleet.lab.lab\\_kernel\\_debug (changed)

                - RISKY: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - kernel: fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64, digest sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b → fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64.

                ### fleet.reboot.fast\\_reboot (changed)

                - RISKY: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - kernel: fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64, digest sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b → fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64.

                ### fleet.kdump.crash\\_kernel (changed)

                - RISKY: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - kernel: fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64, digest sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b → fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64.

                ### fleet.xen.xen\\_crash (changed)

                - RISKY: The pinned digest of kernel fleet.debian.vmlinuz was dropped (was sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b).
                - kernel: fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64, digest sha256:be48a6ede92df4b413f932a7b39346ce8b02a8b87bbc61b138d6aaa73fd0b96b → fleet.debian.vmlinuz = /boot/vmlinuz-6.1.0-56-amd64.

                """, result.output());
    }

    @Test
    void givingUpKexecFileLoadIsRisky() throws Exception {
        ReviewRun.Result result = compare(specs -> ReviewRun.edit(specs.resolve("signed-file-load.kboot"),
                "target linux lockdown\n    load kexec_file_load", "target linux\n    load auto"));
        assertEquals(1, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 1 changed, 7 unchanged. RISKY: 1 boot has a change that weakens its security or stops it from loading.

                - RISKY fleet.secure.secure\\_reboot: lockdown was removed from the target: the boot no longer assumes Secure Boot's kernel lockdown.
                - RISKY fleet.secure.secure\\_reboot: load auto instead of kexec\\_file\\_load: when kexec\\_file\\_load refuses, the kernel no longer verifies the kernel's signature itself.

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.secure.secure_reboot` | changed | risky | refused | not planned |

                ### fleet.secure.secure\\_reboot (changed)

                - RISKY: lockdown was removed from the target: the boot no longer assumes Secure Boot's kernel lockdown.
                - RISKY: load auto instead of kexec\\_file\\_load: when kexec\\_file\\_load refuses, the kernel no longer verifies the kernel's signature itself.
                - target: linux lockdown → linux.
                - load: kexec\\_file\\_load → auto.
                - Settings now in effect: purgatory hash sha256; purgatory console none; register rax 0x0; register rbx 0x0; register rcx 0x0; register rdx 0x0; register rsi boot\\_params; register rdi 0x0; register rsp purgatory\\_stack; register rbp 0x0; register r8 0x0; register r9 0x0; register r10 0x0; register r11 0x0; register r12 0x0; register r13 0x0; register r14 0x0; register r15 0x0; register rip kernel\\_entry.
                - Plan: refused → not planned.

                """, result.output());
    }

    @Test
    void aCrashRegionThatNoLongerFitsIsRisky() throws Exception {
        ReviewRun.Result result = compare(specs -> {
            ReviewRun.edit(specs.resolve("debian-images.kboot"), "/var/lib/kdump/initrd.img-6.1.0-56-amd64", "kdump-initrd.img");
            try (java.io.RandomAccessFile grown = new java.io.RandomAccessFile(specs.resolve("kdump-initrd.img").toFile(), "rw")) {
                grown.setLength(300L << 20);
            }
        });
        assertEquals(1, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 2 changed, 6 unchanged. RISKY: 1 boot has a change that weakens its security or stops it from loading.

                - RISKY fleet.kdump.crash\\_kernel: The boot planned before and is refused now: fleet.kdump.crash\\_kernel cannot be loaded on this host: EADDRNOTAVAIL (the load): no room for the initrd (0x12c00000 bytes, aligned to 0x1000, between 0x0 and 0x80000000)

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.kdump.crash_kernel` | changed | risky | plans | refused |
                | `fleet.xen.xen_crash` | changed |  | plans | plans |

                ### fleet.kdump.crash\\_kernel (changed)

                - RISKY: The boot planned before and is refused now: fleet.kdump.crash\\_kernel cannot be loaded on this host: EADDRNOTAVAIL (the load): no room for the initrd (0x12c00000 bytes, aligned to 0x1000, between 0x0 and 0x80000000)
                - initrd: fleet.debian.kdump\\_initramfs = /var/lib/kdump/initrd.img-6.1.0-56-amd64 → fleet.debian.kdump\\_initramfs = kdump-initrd.img.

                ### fleet.xen.xen\\_crash (changed)

                - initrd: fleet.debian.kdump\\_initramfs = /var/lib/kdump/initrd.img-6.1.0-56-amd64 → fleet.debian.kdump\\_initramfs = kdump-initrd.img.
                - Plan: segment initrd kdump\\_initramfs moved from 0x7bf00000 to 0x69400000.
                - Plan: segment initrd kdump\\_initramfs grew from 1 MiB to 300 MiB.
                - Plan: the bytes loaded changed, and with them the sha384 digest the purgatory verifies.

                """, result.output());
    }

    @Test
    void aMovedKernelIsShownInThePlan() throws Exception {
        ReviewRun.Result result = compare(specs -> ReviewRun.edit(specs.resolve("custom-entry.kboot"), "kernel at 0x1000000",
                "kernel at 0x2000000"));
        assertEquals(0, result.status());
        assertEquals(HEADER + """
                0 added, 0 removed, 2 changed, 6 unchanged. No risky change.

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.lab.lab_kernel` | changed |  | plans | plans |
                | `fleet.lab.lab_kernel_debug` | changed |  | plans | plans |

                ### fleet.lab.lab\\_kernel (changed)

                - placement kernel: at 0x1000000 → at 0x2000000.
                - Plan: segment kernel moved from 0x1000000 to 0x2000000.

                ### fleet.lab.lab\\_kernel\\_debug (changed)

                - placement kernel: at 0x1000000 → at 0x2000000.
                - Plan: segment kernel moved from 0x1000000 to 0x2000000.

                """, result.output());
    }

    @Test
    void aNewBootIsAdded() throws Exception {
        ReviewRun.Result result = compare(specs -> Files.writeString(specs.resolve("probe-smoke-test.kboot"),
                Files.readString(specs.resolve("probe-smoke-test.kboot")) + "\nboot probe_quiet extends probe_boot {\n"
                        + "    append \"quiet\"\n}\n"));
        assertEquals(0, result.status());
        assertEquals(HEADER + """
                1 added, 0 removed, 0 changed, 8 unchanged. No risky change.

                | boot | status | risk | plan before | plan now |
                |---|---|---|---|---|
                | `fleet.smoke.probe_quiet` | added |  |  | plans |

                ### fleet.smoke.probe\\_quiet (added)

                - New default boot of kboot:probe through linux with kexec\\_load; plan: plans.

                """, result.output());
    }

    @Test
    void severalChangesGiveTheExpectedComment() throws Exception {
        ReviewRun.Result result = compare(ReviewRun::severalChanges);
        assertEquals(1, result.status());
        ReviewRun.assertExpected("expected-comparison.md", result.output());
    }

    @Test
    void aGitRevisionAsBaseGivesTheSameCommentAsAFolder() throws Exception {
        Path repository = work.resolve("repository");
        Path specs = ReviewRun.copyOfExamples(repository.resolve("fleet"));
        git(repository, "init", "-q");
        git(repository, "add", ".");
        git(repository, "-c", "user.name=kboot", "-c", "user.email=kboot@localhost", "commit", "-q", "-m", "fleet");
        ReviewRun.severalChanges(specs);
        Path out = work.resolve("out");
        ReviewRun.Result result = ReviewRun.review(specs, out, root, "--base", "HEAD", "--fail-on", "risky");
        assertEquals(1, result.status(), result.output());
        ReviewRun.assertExpected("expected-comparison.md", Files.readString(out.resolve("comparison.md")));
        assertEquals(List.of(), ReviewRun.files(repository.resolve(".git")).stream()
                .filter(file -> file.startsWith("worktrees")).toList(), "no worktree left behind");

        ReviewRun.Result unknown = ReviewRun.review(specs, work.resolve("out2"), root, "--base", "no-such-revision");
        assertEquals(2, unknown.status());
        assertEquals("kbootc: --base: git rev-parse --verify --quiet no-such-revision^{commit} failed: exit status 1 (--base takes"
                + " a folder of old specs or a git revision of the specs' repository)\n", unknown.output());
    }

    private static void git(Path repository, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }
}
