package org.kexec.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.kexec.runtime.image.BuiltInImages;
import org.kexec.runtime.image.BzImages;
import org.kexec.runtime.verify.TestCertificates;

/** One test per validation rule: the exact diagnostics (position, severity, code, message) a spec breaking it gets. */
@ExtendWith(InjectionExtension.class)
@InjectWith(KBootInjectorProvider.class)
class KBootValidatorTest {

    /** Images every test can use; their files are absent unless a test writes them. */
    private static final String IMAGES = """
            kernel k { path "vmlinuz" }
            initrd i { path "initrd.img" }
            """;

    @Inject
    private SpecTester tester;

    @TempDir
    Path folder;

    private List<String> check(String text) {
        return tester.load(folder, Map.of("test.kboot", text)).diagnostics();
    }

    private void writeKernel(byte[] image) throws IOException {
        Files.write(folder.resolve("vmlinuz"), image);
    }

    // Names and structure

    @Test
    void namesAreUniqueInAFile() {
        assertEquals(List.of("3:6 error duplicateName: Duplicate name 'k': a kernel image with this name is declared on"
                + " line 1; rename one of them."), check(IMAGES + "boot k { kernel k }\n"));
    }

    @Test
    void namesAreUniqueAcrossFiles() {
        assertEquals(List.of(
                "a.kboot 1:8 error duplicateNameAcrossFiles: 'k' is also declared in b.kboot; names must be unique across"
                        + " the workspace: rename one, or give the files different packages.",
                "b.kboot 1:8 error duplicateNameAcrossFiles: 'k' is also declared in a.kboot; names must be unique across"
                        + " the workspace: rename one, or give the files different packages."),
                tester.load(folder, Map.of("a.kboot", "kernel k { path \"a\" }\n", "b.kboot", "kernel k { path \"b\" }\n"))
                        .diagnostics().stream().sorted().toList());
    }

    @Test
    void settingsAreWrittenOnce() {
        assertEquals(List.of(
                "3:39 error duplicateSetting: 'target' is set more than once in this boot 'b'; keep one.",
                "3:81 error duplicateSetting: 'backup' is set more than once in this crash block; keep one."),
                check(IMAGES + "boot b { kernel k target linux target xen kind crash crash { backup 640K backup none }\n"
                        + " append \"reset_devices irqpoll nr_cpus=1\" }\n"));
    }

    @Test
    void extendsHasNoCycle() {
        assertEquals(List.of(
                "3:16 error extendsCycle: Boot 'a' extends itself: a → b → a; remove one of these extends.",
                "4:16 error extendsCycle: Boot 'b' extends itself: b → a → b; remove one of these extends."),
                check(IMAGES + "boot a extends b { kernel k }\nboot b extends a { }\n"));
    }

    @Test
    void unresolvedNamesSayWhatToDeclare() {
        assertEquals(List.of("3:17 error unresolvedReference: No image named 'nope' is visible here: declare it, or import"
                + " the package that declares it."), check(IMAGES + "boot b { kernel nope }\n"));
    }

    // Images and trust anchors

    @Test
    void imagesHaveAPath() {
        assertEquals(List.of("1:8 error missingPath: Image 'k' has no path: add path \"/boot/...\"."),
                check("kernel k { }\n"));
    }

    @Test
    void digestsAreWellFormed() {
        assertEquals(List.of("1:34 error invalidDigest: A sha256 digest has 64 hex digits, but this one has 4: copy it"
                + " again from sha256sum."), check("kernel k { path \"vmlinuz\" digest \"sha256:abcd\" }\n"));
    }

    @Test
    void absentFilesAreNotedAsNotChecked() {
        assertEquals(List.of("1:17 info fileNotChecked: " + folder.resolve("vmlinuz") + " is not here at compile time,"
                + " so checks of its format, digest and signature were skipped; the loader makes them on the host."),
                tester.load(folder, Map.of("test.kboot", "kernel k { path \"vmlinuz\" }\n")).diagnostics(true));
    }

    @Test
    void releasesAreChosenOnTheHostAndFollowedByInitrds() {
        assertEquals(List.of(
                "1:17 info fileNotChecked: /boot/vmlinuz-{release} names the release the host chooses, so checks of its format,"
                        + " digest and signature are made by the loader on the host.",
                "2:17 info fileNotChecked: /boot/initrd.img-{release} names the release the host chooses, so checks of its"
                        + " format, digest and signature are made by the loader on the host."),
                tester.load(folder, Map.of("test.kboot", "kernel k { path \"/boot/vmlinuz-{release}\" release newest }\n"
                        + "initrd i { path \"/boot/initrd.img-{release}\" }\nboot b { kernel k initrd i }\n")).diagnostics(true));
    }

    @Test
    void releaseRulesAreTheLoaders() {
        assertEquals(List.of(
                "2:35 error image-release: kboot refuses the load: kernel test.k has 'release newest' but its path names no"
                        + " {release}: write it where the release goes, e.g. /boot/vmlinuz-{release}.",
                "3:54 error image-release: kboot refuses the load: initrd test.i takes the release of its boot's kernel: remove"
                        + " 'release running' and write {release} in its path.",
                "4:17 error image-release: kboot refuses the load: /boot/vmlinuz-{rel} (image test.x) has a placeholder kboot"
                        + " does not know: the only one is {release}.",
                "5:26 error image-release: kboot refuses the load: /boot/initrd.img-{release} (image test.i) names {release},"
                        + " but the boot's kernel test.k names no release for it to follow: write the kernel's path with {release}."),
                check("package test\nkernel k { path \"vmlinuz\" release newest }\n"
                        + "initrd i { path \"/boot/initrd.img-{release}\" release running }\n"
                        + "kernel x { path \"/boot/vmlinuz-{rel}\" }\nboot b { kernel k initrd i }\n"));
    }

    @Test
    void theDefaultEntryNamesTheKernel() {
        assertEquals(List.of(), tester.load(folder, Map.of("test.kboot", "kernel k { entry default }\nboot b { kernel k }\n"))
                .diagnostics(true));
        assertEquals(List.of(
                "2:34 error image-release: 'entry default' chooses the kernel by the Boot Loader Spec's default entry and"
                        + " 'release' by its path: keep one.",
                "3:17 error image-release: kboot refuses the load: kernel test.m takes its file from the Boot Loader Spec"
                        + " default entry: remove its path /boot/vmlinuz."),
                check("package test\nkernel k { entry default release newest }\nkernel m { path \"/boot/vmlinuz\" entry default }\n"));
    }

    @Test
    void pathsNameRegularFiles() throws IOException {
        Files.createDirectory(folder.resolve("boot"));
        assertEquals(List.of("1:17 error fileUnusable: " + folder.resolve("boot") + " is a directory: name a regular,"
                + " readable file."), check("kernel k { path \"boot\" }\n"));
    }

    @Test
    void pinnedDigestsMatchTheFile() throws IOException {
        Files.writeString(folder.resolve("initrd.img"), "abc");
        String wrong = "sha256:" + "00".repeat(32);
        assertEquals(List.of("1:37 error digest-mismatch: kboot refuses the load: initrd.img (image i) does not match its"
                + " pinned digest: the spec pins " + wrong + ", the file has"
                + " sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad. Pin the new digest if this"
                + " file is intended."), check("initrd i { path \"initrd.img\" digest \"" + wrong + "\" }\n"));
        String pinned = "initrd i { path \"initrd.img\" digest"
                + " \"sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD\" }\n";
        assertEquals(List.of(), check(pinned));
        // Digests are remembered per version of a file: the file as it is now is the one checked.
        Files.writeString(folder.resolve("initrd.img"), "abcd");
        assertEquals(List.of("1:37 error digest-mismatch: kboot refuses the load: initrd.img (image i) does not match its"
                + " pinned digest: the spec pins sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad, the"
                + " file has sha256:88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589. Pin the new digest if"
                + " this file is intended."), check(pinned));
    }

    @Test
    void kernelsAreBzImages() throws IOException {
        writeKernel(new byte[4096]);
        assertEquals(List.of("1:17 error kernel-format: ENOEXEC (the load): vmlinuz is not a bzImage kernel:"
                + " boot_flag: is 0x0 at 0x1fe, not 0xaa55: not a bzImage."), check("kernel k { path \"vmlinuz\" }\n"));
    }

    @Test
    void requiredSignaturesAreLeftToTheLoaderWithoutTheirAnchor() throws IOException {
        String spec = "trust ca \"ca.pem\"\nkernel k { path \"vmlinuz\" signed by ca }\n";
        writeKernel(BzImages.withPeHeader(BzImages.debian12(0x8000), 0));
        assertEquals(List.of(), check(spec));
        writeKernel(BzImages.withInt(BzImages.withPeHeader(BzImages.debian12(0x8000), 0x800), 0x58 + 112 + 36, 0x900));
        assertEquals(List.of("2:17 error kernel-pe-headers: kboot refuses the load: vmlinuz has damaged PE/COFF headers: certificate table:"
                + " 0x7800+0x900 ends past the end of the 32768-byte file. Use an intact kernel image."), check(spec));
    }

    @Test
    void requiredSignaturesVerifyAgainstAnchorsPresentAtCompileTime() throws Exception {
        Files.writeString(folder.resolve("ca.pem"), TestCertificates.pem(
                TestCertificates.authority("CN=ca", TestCertificates.keyPair())));
        writeKernel(BzImages.withPeHeader(BzImages.debian12(0x8000), 0x800));
        assertEquals(List.of("2:37 error signature: kboot refuses the load: vmlinuz (image k) must be signed by [ca], but"
                + " certificate table: the entry at 0x7800 claims 0 bytes, which overrun the table's 2048."),
                check("trust ca \"ca.pem\"\nkernel k { path \"vmlinuz\" signed by ca }\n"));
    }

    @Test
    void builtInImagesAreCheckedLikeFiles() {
        assertEquals(List.of(), tester.load(folder, Map.of("test.kboot", "kernel k { path \"kboot:probe\" }\n")).diagnostics(true));
        assertEquals(List.of("1:17 error fileUnusable: kboot:vmlinuz is not a built-in image: kboot has [kboot:probe, kboot:probe-pvh]: name a"
                + " regular, readable file."), check("kernel k { path \"kboot:vmlinuz\" }\n"));
        assertEquals(List.of("1:38 error digest-mismatch: kboot refuses the load: kboot:probe (image k) does not match its"
                + " pinned digest: the spec pins sha256:"
                + "00".repeat(32) + ", the file has sha256:"), check("kernel k { path \"kboot:probe\" digest \"sha256:"
                + "00".repeat(32) + "\" }\n").stream().map(d -> d.substring(0, d.indexOf(", the file has sha256:") + 22)).toList());
    }

    @Test
    void pvhBootsNeedAPvhNoteAndKexecLoad() {
        assertEquals(List.of(
                "8:22 error kernel-format: ENOEXEC (the load): kboot:probe's payload, the vmlinux a PVH boot enters, cannot be"
                        + " read: payload_offset/payload_length: the payload (0 bytes at file offset 0x400) is not inside the"
                        + " file's " + BuiltInImages.read("kboot:probe").orElseThrow().length + " bytes",
                "9:24 error kernel-format: ENOEXEC (the load): kboot:probe-pvh is an ELF vmlinux, which has no 64-bit boot"
                        + " protocol entry: write 'entry pvh' in the boot to enter it through its PVH entry, or load the"
                        + " bzImage (vmlinuz).",
                "10:33 error entry-unsupported: kboot refuses the load: entry pvh needs load kexec_load: the kernel's"
                        + " kexec_file_load enters kernels only through the 64-bit boot protocol.",
                "11:29 error entry-unsupported: kboot refuses the load: entry pvh is for Linux hosts: kboot boots kernels"
                        + " from Xen through the 64-bit boot protocol. Remove 'entry pvh', or write target linux."),
                check("""
                        kernel bz { path "kboot:probe" }
                        kernel elf { path "kboot:probe-pvh" }
                        initrd i { path "kboot:probe" }
                        boot fine {
                            entry pvh kernel elf initrd i load auto
                            placement { memmap profile "qemu-1g" }
                        }
                        boot no_note { entry pvh kernel bz }
                        boot no_entry { kernel elf }
                        boot by_file { kernel elf entry pvh load kexec_file_load }
                        boot xen { target xen entry pvh kernel elf }
                        """));
    }

    @Test
    void initrdsAreNotSigned() {
        assertEquals(List.of("2:40 error signatureOnInitrd: Initrds carry no signature to verify: remove 'signed by' and"
                + " pin the initrd's digest instead."), check("trust ca \"ca.pem\"\ninitrd i { path \"initrd.img\" signed by ca }\n"));
    }

    @Test
    void trustAnchorsAreCertificates() throws IOException {
        Files.writeString(folder.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        assertEquals(List.of("1:10 error trust-anchor: kboot refuses the load: trust anchor " + folder.resolve("ca.pem")
                + " is not an X.509 certificate in PEM or DER form: export the CA certificate with 'openssl x509 -outform"
                + " PEM' (ca)."), check("trust ca \"ca.pem\"\n"));
    }

    // Boots

    @Test
    void bootsHaveAKernel() {
        assertEquals(List.of("3:6 error missingKernel: Boot 'b' has no kernel: add 'kernel <image>', or extend a boot that"
                + " has one."), check(IMAGES + "boot b { initrd i }\n"));
    }

    @Test
    void referencesNameImagesOfTheRightRole() {
        assertEquals(List.of(
                "3:17 error wrongImageRole: 'i' is an initrd image; 'kernel' needs a kernel image.",
                "3:26 error wrongImageRole: 'k' is a kernel image; 'initrd' needs an initrd image."),
                check(IMAGES + "boot b { kernel i initrd k }\n"));
    }

    @Test
    void xenHasNoKexecFileLoad() {
        assertEquals(List.of("3:35 error fileLoadOnXen: Xen has no kexec_file_load (and calling it under a Xen dom0"
                + " crashes the kernel): use 'load kexec_load', which boots through kboot's purgatory."),
                check(IMAGES + "boot b { kernel k target xen load kexec_file_load }\n"));
    }

    @Test
    void kexecFileLoadVerifiesWithSha256Only() {
        assertEquals(List.of("3:57 error fileLoadHash: kexec_file_load boots through the kernel's own purgatory, which"
                + " always verifies with sha256: use 'load kexec_load' for sha384, or 'hash sha256'."),
                check(IMAGES + "boot b { kernel k load kexec_file_load purgatory { hash sha384 } }\n"));
        assertEquals(List.of("3:46 warning fileLoadHash: With 'load auto', sha512 applies only when kboot falls back to"
                + " kexec_load; kexec_file_load verifies with sha256. Choose 'load kexec_load' to always use sha512."),
                check(IMAGES + "boot b { kernel k load auto purgatory { hash sha512 } }\n"));
    }

    @Test
    void kexecFileLoadTakesNoPurgatorySettings() {
        assertEquals(List.of("3:64 error fileLoadPurgatory: kexec_file_load boots through the kernel's own purgatory,"
                + " which takes no entry registers from kboot: remove them, or use 'load kexec_load'."),
                check(IMAGES + "boot b { kernel k load kexec_file_load purgatory { registers { rdi = 1 } } }\n"));
    }

    @Test
    void kexecFileLoadTakesNoFixedAddresses() {
        assertEquals(List.of("3:52 error fileLoadPlacement: kexec_file_load lets the kernel choose every address: remove"
                + " the fixed addresses, or use 'load kexec_load'."),
                check(IMAGES + "boot b { kernel k load kexec_file_load placement { kernel at 0x1000000 } }\n"));
    }

    @Test
    void lockdownRefusesKexecLoad() {
        assertEquals(List.of("3:46 error lockdownKexecLoad: Under lockdown the kernel refuses kexec_load (EPERM): use"
                + " 'load kexec_file_load' with a kernel signed by a key the kernel trusts."),
                check(IMAGES + "boot b { kernel k target linux lockdown load kexec_load }\n"));
        assertEquals(List.of("3:26 error lockdownKexecLoad: Under lockdown the kernel refuses kexec_load (EPERM): use"
                + " 'load kexec_file_load' with a kernel signed by a key the kernel trusts."),
                check(IMAGES + "boot b { kernel k target linux lockdown }\n"));
        assertEquals(List.of("3:46 warning lockdownKexecLoad: Under lockdown the fallback to kexec_load is refused"
                + " (EPERM): only kexec_file_load can succeed, so say 'load kexec_file_load'."),
                check(IMAGES + "boot b { kernel k target linux lockdown load auto }\n"));
    }

    @Test
    void segmentsFitTheKernelsAndXensLimits() {
        String initrds = "initrd i ".repeat(12);
        assertEquals(List.of("3:6 error segment-count: EINVAL (the load): this boot needs 16 segments (Xen low-memory filler,"
                + " boot_params, " + "initrd i, ".repeat(12) + "kernel, purgatory), but Xen loads at most 15: concatenate"
                + " initrds into one file (the kernel unpacks concatenated cpio archives)"),
                check(IMAGES + "boot b { kernel k target xen " + initrds + "}\n"));
        assertEquals(List.of(), check(IMAGES + "boot b { kernel k target linux " + initrds + "}\n"));
        assertEquals(List.of("3:6 error segment-count: EINVAL (the load): this boot needs 17 segments (boot_params, "
                + "initrd i, ".repeat(14) + "kernel, purgatory), but Linux loads at most 16: concatenate initrds into one file"
                + " (the kernel unpacks concatenated cpio archives)"), check(IMAGES + "boot b { kernel k " + "initrd i ".repeat(14) + "}\n"));
    }

    @Test
    void kexecFileLoadNeedsProtocol212() throws IOException {
        writeKernel(BzImages.withShort(BzImages.debian12(0x8000), 0x206, 0x020b));
        assertEquals(List.of("1:17 error kernel-protocol: ENOEXEC (the load): vmlinuz speaks boot protocol 2.11, but kboot,"
                + " kexec-tools and kexec_file_load need 2.12 or later for the 64-bit entry: use a newer kernel."),
                check(IMAGES + "boot b { kernel k load kexec_file_load }\n"));
    }

    @Test
    void kernelsHaveA64BitEntry() throws IOException {
        writeKernel(BzImages.withShort(BzImages.debian12(0x8000), 0x236, 0x7e));
        assertEquals(List.of("1:17 error kernel-not-64bit: ENOEXEC (the load): vmlinuz is not a relocatable 64-bit kernel:"
                + " xloadflags 0x7e lacks XLF_KERNEL_64 (the 64-bit entry point), which the 64-bit boot protocol needs: use"
                + " an x86-64 kernel."),
                check(IMAGES + "boot b { kernel k }\n"));
    }

    @Test
    void fixedKernelsArePlacedWhereTheyRun() throws IOException {
        byte[] image = BzImages.debian12(0x8000);
        image[0x234] = 0;
        writeKernel(image);
        assertEquals(List.of("3:17 error kernel-not-relocatable: kboot refuses the load: vmlinuz is not relocatable, so it"
                + " must run at 0x1000000: place it there with 'placement { kernel at 0x1000000 }' and load kexec_load."),
                check(IMAGES + "boot b { kernel k }\n"));
        assertEquals(List.of(), check(IMAGES + "boot b { kernel k placement { kernel at 0x1000000 } }\n"));
    }

    @Test
    void inheritedProblemsAreReportedOnTheInheritingBoot() {
        assertEquals(List.of("4:6 error fileLoadOnXen: Inherited from boot 'base': Xen has no kexec_file_load (and"
                + " calling it under a Xen dom0 crashes the kernel): use 'load kexec_load', which boots through kboot's"
                + " purgatory."), check(IMAGES + "boot base { kernel k load kexec_file_load }\nboot x extends base { target xen }\n")
                .stream().filter(d -> d.startsWith("4:")).toList());
    }

    // Command line

    @Test
    void commandLinesFitCmdlineSize() throws IOException {
        writeKernel(BzImages.withInt(BzImages.debian12(0x8000), 0x238, 100));
        assertEquals(List.of("3:6 error cmdline-too-long: EINVAL (the load): the command line is 80 bytes, but the kernel"
                + " takes at most 69 (vmlinuz's cmdline_size 100 with its NUL, less the 30 bytes kept for elfcorehdr=): drop"
                + " 11 bytes of parameters"),
                check(IMAGES + "boot b { kernel k load auto append \"" + "x".repeat(80) + "\" }\n"));
        assertEquals(List.of(), check(IMAGES + "boot b { kernel k append \"" + "x".repeat(99) + "\" }\n"));
        assertEquals(List.of("3:6 error cmdline-too-long: kboot refuses the load: the command line is 100 bytes, but the"
                + " kernel takes at most 99 (vmlinuz's cmdline_size 100 with its NUL): drop 1 bytes of parameters"),
                check(IMAGES + "boot b { kernel k append \"" + "x".repeat(100) + "\" }\n"));
    }

    @Test
    void commandLinesArePrintable() {
        assertEquals(List.of("3:37 error cmdline-character: kboot refuses the load: the command line has U+000A in the"
                + " parameter \"debug\\u000Ax\": the kernel takes bytes, stops at NUL and splits parameters on spaces; use"
                + " printable ASCII only"),
                check(IMAGES + "boot b { kernel k cmdline { \"quiet\" \"debug\\nx\" } }\n"));
    }

    @Test
    void dropNeedsReuseRunning() {
        assertEquals(List.of("3:34 warning dropWithoutReuse: 'drop' removes parameters from the running kernel's command"
                + " line, which this cmdline does not reuse: add 'reuse running', or remove the drop."),
                check(IMAGES + "boot b { kernel k cmdline { drop \"quiet\" } }\n"));
    }

    @Test
    void crashCommandLinesResetDevices() {
        assertEquals(List.of("3:6 warning crashCmdlineIncomplete: The crash kernel's command line lacks reset_devices"
                + " nr_cpus=1: add append \"reset_devices nr_cpus=1\" so it resets the devices the crashed kernel left"
                + " running and boots on one CPU in the small crash region."),
                check(IMAGES + "boot b { kernel k kind crash append \"irqpoll\" }\n"));
        assertEquals(List.of(), check(IMAGES + "boot b { kernel k kind crash append \"irqpoll maxcpus=1 reset_devices\" }\n"));
    }

    // Crash

    @Test
    void crashSettingsBelongToCrashBoots() {
        assertEquals(List.of("3:19 warning crashSettingsOnDefault: Crash settings apply only to crash boots, and this is a"
                + " default boot: add 'kind crash', or remove the crash block."),
                check(IMAGES + "boot b { kernel k crash { reservation 256M } }\n"));
    }

    @Test
    void backupRegionsLieInTheLowMebibyte() {
        assertEquals(List.of("3:45 error backupOutsideLowMemory: The backup region 0xc0000 + 0x80000 must lie inside the"
                + " low 1 MiB (0x0-0x100000), the memory the crashed kernel's firmware and BIOS use: the usual region is"
                + " 640K from 0."), crashBlock("backup 512K from 0xc0000"));
    }

    @Test
    void backupRegionsAreWholeKibibytes() {
        assertEquals(List.of("3:45 error backupNotKibMultiple: The backup region must start and end on whole KiB (it is"
                + " 0x0 + 0x9ffff): round it to multiples of 1K."), crashBlock("backup 0x9ffff"));
    }

    private List<String> crashBlock(String settings) {
        return check(IMAGES + "boot b { kernel k kind crash crash { " + settings + " } append \"" + CRASH_ARGS + "\" }\n");
    }

    @Test
    void crashImagesFitTheCrashRegion() throws IOException {
        writeKernel(BzImages.withInt(BzImages.debian12(0x8000), 0x260, 0x2000000));
        assertEquals(List.of("3:6 error crashRegionTooSmall: The kernel and initrds take 32.00 MiB, more than the 16.00 MiB"
                + " crash region: reserve more with crashkernel=, or use a smaller initrd."),
                check(IMAGES + "boot b { kernel k kind crash crash { reservation 16M } append \"" + CRASH_ARGS + "\" }\n"));
        assertEquals(List.of("3:6 warning crashRegionTight: The kernel and initrds take 32.00 MiB of the 48.00 MiB crash"
                + " region, leaving 16.00 MiB for the crash kernel to run in: reserve more with crashkernel=, or use a"
                + " smaller initrd."),
                check(IMAGES + "boot b { kernel k kind crash crash { reservation 48M } append \"" + CRASH_ARGS + "\" }\n"));
    }

    private static final String CRASH_ARGS = "reset_devices irqpoll nr_cpus=1";

    @Test
    void crashBootsNeedACrashRegionInTheMemoryMap() throws IOException {
        Files.writeString(folder.resolve("host.iomem"), "00001000-3fffffff : System RAM\n");
        assertEquals(List.of("3:49 error no-crash-region: EADDRNOTAVAIL (the load): no crash region is reserved: boot the"
                + " host with crashkernel=, e.g. crashkernel=256M"), check(IMAGES + "boot b { kernel k kind crash placement { memmap file"
                + " \"host.iomem\" } append \"" + CRASH_ARGS + "\" }\n"));
    }

    @Test
    void reservationsMatchTheMemoryMap() {
        assertEquals(List.of("3:50 warning reservationMismatch: The memory map reserves 256M for crash kernels, not the"
                + " 512M this spec expects: fix the reservation, or the host's crashkernel=."),
                check(IMAGES + "boot b { kernel k kind crash crash { reservation 512M } placement { memmap profile"
                        + " \"qemu-1g\" } append \"" + CRASH_ARGS + "\" }\n"));
    }

    @Test
    void elf32CoreHeadersCannotDescribeHighMemory() {
        assertEquals(List.of("3:49 error elf32HighMemory: An elf32 core header cannot describe this host's RAM above 4 GiB,"
                + " which the dump would lose: use 'elfcorehdr elf64'."),
                check(IMAGES + "boot b { kernel k kind crash crash { elfcorehdr elf32 } placement { memmap profile"
                        + " \"large-server\" } append \"" + CRASH_ARGS + "\" }\n").stream()
                        .filter(d -> d.contains("elf32")).toList());
    }

    // Purgatory

    @Test
    void registersAreKnown() {
        assertEquals(List.of("3:43 error unknownRegister: Unknown register 'eax': use one of rax, rbx, rcx, rdx, rsi, rdi,"
                + " rsp, rbp, r8, r9, r10, r11, r12, r13, r14, r15, rip."),
                check(IMAGES + "boot b { kernel k purgatory { registers { eax = 1 } } }\n"));
    }

    @Test
    void registersAreAssignedOnce() {
        assertEquals(List.of("3:51 error duplicateRegister: Register 'rdi' is assigned more than once: keep one value."),
                check(IMAGES + "boot b { kernel k purgatory { registers { rdi = 1 rdi = 2 } } }\n"));
    }

    @Test
    void registerSymbolsAreKnown() {
        assertEquals(List.of("3:49 error unknownRegisterSymbol: Unknown value 'initrd_size': use a number or one of"
                + " boot_params, kernel_entry, start_info, purgatory_stack, cmdline_address, initrd_address."),
                check(IMAGES + "boot b { kernel k purgatory { registers { rdi = initrd_size } } }\n"));
    }

    @Test
    void registerValuesFit64Bits() {
        assertEquals(List.of("3:49 error org.eclipse.xtext.diagnostics.Diagnostic.Syntax: '0x1_0000_0000_0000_0000' does"
                + " not fit in 64 bits (the largest value is 0xffffffffffffffff)."),
                check(IMAGES + "boot b { kernel k purgatory { registers { rdi = 0x1_0000_0000_0000_0000 } } }\n"));
    }

    @Test
    void entryAndStackPointIntoLoadedSegments() throws IOException {
        assertEquals(List.of("3:49 error entryRegisterOutsideSegments: rip = boot_params does not point at the kernel's"
                + " entry: use kernel_entry."), check(IMAGES + "boot b { kernel k purgatory { registers { rip = boot_params } } }\n"));
        assertEquals(List.of("3:49 error entryRegisterOutsideSegments: rsp = 0x8000 is not inside any segment this spec"
                + " places at a fixed address: use purgatory_stack, or place the segment it points into with 'placement {"
                + " kernel at ... }'."), check(IMAGES + "boot b { kernel k purgatory { registers { rsp = 0x8000 } } }\n"));
        writeKernel(BzImages.debian12(0x8000));
        String placed = IMAGES + "boot b { kernel k placement { kernel at 0x1000000 } purgatory { registers { rip = %s } } }\n";
        assertEquals(List.of(), check(String.format(placed, "0x1000200")));
        assertEquals(List.of("3:83 error entryRegisterOutsideSegments: rip = 0x3e9b000 is not inside any segment this spec"
                + " places at a fixed address: use kernel_entry, or place the segment it points into with 'placement {"
                + " kernel at ... }'."), check(String.format(placed, "0x3e9b000")));
    }

    @Test
    void hashNoneIsLoud() {
        assertEquals(List.of("3:36 warning hashNone: 'hash none' makes the purgatory jump into whatever is in memory"
                + " without checking it: a corrupted or overwritten kernel runs anyway. Use sha256 unless boot time matters"
                + " more than integrity."), check(IMAGES + "boot b { kernel k purgatory { hash none } }\n"));
    }

    @Test
    void serialPortsAreIoPorts() {
        assertEquals(List.of("3:46 error consolePort: Serial port 0x10000 is not an x86 I/O port (0x0-0xffff): COM1 is"
                + " 0x3f8, COM2 0x2f8."), check(IMAGES + "boot b { kernel k purgatory { console serial 0x10000 } }\n"));
    }

    @Test
    void baudRatesDivide115200() {
        assertEquals(List.of("3:57 error consoleBaud: A 16550 UART runs at 115200 divided by a whole number, so baud 9601"
                + " is impossible: use 115200, 57600, 38400, 19200 or 9600."),
                check(IMAGES + "boot b { kernel k purgatory { console serial 0x3f8 baud 9601 } }\n"));
    }

    // Placement

    @Test
    void profilesAreBundled() {
        assertEquals(List.of("3:38 error unknownProfile: Unknown memory-map profile 'laptop': the bundled profiles are"
                + " qemu-1g, large-server; for another machine record its /proc/iomem and use memmap file \"...\"."),
                check(IMAGES + "boot b { kernel k placement { memmap profile \"laptop\" } }\n"));
    }

    @Test
    void memmapFilesAreReadable() throws IOException {
        Files.writeString(folder.resolve("host.iomem"), "0-fff : System RAM\nbroken\n");
        assertEquals(List.of("3:38 error memmapFileInvalid: Memory map " + folder.resolve("host.iomem") + ":2: expected"
                + " 'start-end : name', found 'broken'."),
                check(IMAGES + "boot b { kernel k placement { memmap file \"host.iomem\" } }\n"));
        assertEquals(List.of("3:38 error memmapFileInvalid: Memory map " + folder.resolve("gone.iomem") + " does not exist:"
                + " record one with 'cat /proc/iomem' as root on the host."),
                check(IMAGES + "boot b { kernel k placement { memmap file \"gone.iomem\" } }\n"));
    }

    @Test
    void fixedAddressesArePageAligned() throws IOException {
        assertEquals(List.of("3:41 error unalignedAddress: Segments start on 4 KiB pages, and 0x1000010 is not one: use"
                + " 0x1001000."), check(IMAGES + "boot b { kernel k placement { kernel at 0x1000010 } }\n"));
        writeKernel(BzImages.debian12(0x8000));
        assertEquals(List.of("3:6 error kernel-placement: kboot refuses the load: the kernel asks for 0x200000 alignment"
                + " (kernel_alignment), and its fixed address 0x1001000 is not aligned: use 0x1200000"),
                check(IMAGES + "boot b { kernel k placement { memmap profile \"qemu-1g\" kernel at 0x1001000 } }\n"));
    }

    @Test
    void placedImagesAreLoadedByTheBoot() {
        assertEquals(List.of("3:38 error placedImageNotLoaded: Boot 'b' does not load initrd 'i': add 'initrd i', or"
                + " remove its placement."), check(IMAGES + "boot b { kernel k placement { initrd i at 0x4000000 } }\n"));
    }

    @Test
    void imagesArePlacedOnce() {
        assertEquals(List.of("3:61 error duplicatePlacement: kernel is placed more than once: keep one address."),
                check(IMAGES + "boot b { kernel k placement { kernel at 0x1000000 kernel at 0x2000000 } }\n"));
    }

    @Test
    void placementsDoNotOverlap() throws IOException {
        writeKernel(BzImages.debian12(0x8000));
        Files.write(folder.resolve("initrd.img"), new byte[0x3000]);
        assertEquals(List.of("3:6 error no-room: EADDRNOTAVAIL (the load): the initrds at 0x3000000 + 0x3000 is not in free"
                + " RAM this load may use"), check(IMAGES + "boot b { kernel k initrd i placement { memmap profile \"qemu-1g\""
                + " kernel at 0x1000000 initrd i at 0x3000000 } }\n"));
    }

    @Test
    void placementsLieInRam() throws IOException {
        writeKernel(BzImages.debian12(0x8000));
        assertEquals(List.of("3:6 error no-room: EADDRNOTAVAIL (the load): the kernel at 0x3fe00000 + 0x2e9b000 is not in"
                + " free RAM this load may use"),
                check(IMAGES + "boot b { kernel k placement { memmap profile \"qemu-1g\" kernel at 0x3fe00000 } }\n"));
    }

    @Test
    void crashPlacementsLieInTheCrashRegion() throws IOException {
        writeKernel(BzImages.debian12(0x8000));
        assertEquals(List.of("3:6 error no-room: EADDRNOTAVAIL (the load): the kernel at 0x1000000 + 0x2e9b000 is not in"
                + " free RAM this load may use"),
                check(IMAGES + "boot b { kernel k kind crash placement { memmap profile \"qemu-1g\" kernel at 0x1000000 }"
                        + " append \"" + CRASH_ARGS + "\" }\n"));
        assertEquals(List.of(), check(IMAGES + "boot b { kernel k kind crash placement { memmap profile \"qemu-1g\""
                + " kernel at 0x23000000 } append \"" + CRASH_ARGS + "\" }\n"));
    }

    @Test
    void initrdsLieBelowInitrdAddrMax() throws IOException {
        writeKernel(BzImages.withInt(BzImages.debian12(0x8000), 0x22c, 0x37ffffff));
        Files.write(folder.resolve("initrd.img"), new byte[0x2000]);
        assertEquals(List.of("3:6 error initrd-above-limit: kboot refuses the load: the initrds placed at 0x37fff000 would"
                + " end at 0x38000fff, above the kernel's initrd_addr_max 0x37ffffff: place them lower"),
                check(IMAGES + "boot b { kernel k initrd i placement { memmap profile \"qemu-1g\" initrd i at 0x37fff000 } }\n"));
    }

    @Test
    void loadsTakeAtMostHalfOfRam() throws IOException {
        writeKernel(BzImages.debian12(0x8000));
        Files.write(folder.resolve("host.iomem"), "00100000-04ffffff : System RAM\n".getBytes());
        assertEquals(List.of("3:6 error half-of-ram: EINVAL (segment 0): the load would take more than half of RAM"
                + " (39.50 MiB)"),
                check(IMAGES + "boot b { kernel k placement { memmap file \"host.iomem\" } }\n"));
    }
}
