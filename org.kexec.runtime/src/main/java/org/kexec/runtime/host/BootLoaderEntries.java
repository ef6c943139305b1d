package org.kexec.runtime.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.kexec.runtime.rules.Rule;
import org.kexec.runtime.rules.Violation;
import org.kexec.runtime.rules.ViolationException;

/**
 * Boot Loader Specification Type #1 entries on a host ({@code loader/entries/*.conf} under {@code /boot}, {@code /efi}
 * or {@code /boot/efi}), and which is the default: the one {@code loader/loader.conf}'s {@code default} glob names, else
 * the first in the specification's order (entries with a {@code sort-key} first, by sort-key, machine-id, then the
 * newest version, then the entry's id, newest first, in the RPM version order systemd uses).
 */
public final class BootLoaderEntries {

    /** The partitions ({@code $BOOT}, the ESP) entries live on, in the order they are searched. */
    static final List<String> ROOTS = List.of("/boot", "/efi", "/boot/efi");

    /**
     * One entry: its id (file name), the partition its paths start from, and its keys.
     *
     * @param linux   the kernel, as written (absolute within {@code root})
     * @param initrds initrds, as written, in order
     * @param options the command line its {@code options} lines make, joined
     */
    public record Entry(String id, String root, Optional<String> sortKey, Optional<String> machineId, Optional<String> version,
                        String linux, List<String> initrds, String options) {

        /** A path of the entry, as the host's file system names it: {@code /boot} + {@code /vmlinuz-6.1.0-57-amd64}. */
        public String onHost(String path) {
            return root + (path.startsWith("/") ? path : "/" + path);
        }
    }

    /** The default entry and why it is the default, for {@code plan} and {@code load} to say. */
    public record Default(Entry entry, String why) {
    }

    private BootLoaderEntries() {
    }

    /** The host's default entry; refused with the reason when there is none or it is broken. */
    public static Default findDefault(HostFiles files) throws ViolationException {
        List<Entry> entries = new ArrayList<>();
        Optional<String> pattern = Optional.empty();
        for (String root : ROOTS) {
            Path folder = files.resolve(root + "/loader/entries");
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> confs = Files.newDirectoryStream(folder, "*.conf")) {
                    for (Path conf : confs) {
                        entries.add(read(conf, root));
                    }
                } catch (IOException e) {
                    throw refusal("cannot list " + folder + ": " + e.getMessage());
                }
            }
            if (pattern.isEmpty()) {
                pattern = defaultPattern(files.resolve(root + "/loader/loader.conf"));
            }
        }
        if (entries.isEmpty()) {
            throw refusal("the host has no Boot Loader Spec entries (loader/entries/*.conf under " + String.join(", ", ROOTS)
                    + "): install a kernel that adds one (kernel-install), or name the kernel's path instead of entry default.");
        }
        entries.sort(ORDER);
        List<String> ids = entries.stream().map(Entry::id).toList();
        if (pattern.isPresent()) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + pattern.get());
            for (Entry entry : entries) {
                if (glob.matches(Path.of(entry.id())) || glob.matches(Path.of(entry.id().replaceFirst("\\.conf$", "")))) {
                    return new Default(entry, "loader.conf's default " + pattern.get() + " names it");
                }
            }
            throw refusal("loader.conf's default " + pattern.get() + " matches no Boot Loader Spec entry (the host has "
                    + String.join(", ", ids) + ").");
        }
        return new Default(entries.get(0), "it comes first of " + String.join(", ", ids)
                + " in the Boot Loader Spec's order, and loader.conf names no default");
    }

    /** The specification's order: sort-key first, then machine-id, then newest version, then newest id. */
    private static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry e) -> e.sortKey().isEmpty())
            .thenComparing(e -> e.sortKey().orElse(""))
            .thenComparing(e -> e.machineId().orElse(""))
            .thenComparing((Entry e) -> e.version().orElse(""), VersionOrder.RPM.reversed())
            .thenComparing(Entry::id, VersionOrder.RPM.reversed());

    private static Entry read(Path conf, String root) throws ViolationException {
        String text;
        try {
            text = Files.readString(conf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw refusal("cannot read the Boot Loader Spec entry " + conf + ": " + e.getMessage());
        }
        Optional<String> sortKey = Optional.empty();
        Optional<String> machineId = Optional.empty();
        Optional<String> version = Optional.empty();
        String linux = null;
        List<String> initrds = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            String[] keyValue = stripped.split("\\s+", 2);
            String value = keyValue.length > 1 ? keyValue[1].strip() : "";
            switch (keyValue[0]) {
                case "sort-key" -> sortKey = Optional.of(value);
                case "machine-id" -> machineId = Optional.of(value);
                case "version" -> version = Optional.of(value);
                case "linux" -> linux = value;
                case "initrd" -> initrds.add(value);
                case "options" -> options.add(value);
                default -> {
                    // title, devicetree, architecture, efi ...: nothing kboot loads.
                }
            }
        }
        if (linux == null || linux.isEmpty()) {
            throw refusal("the Boot Loader Spec entry " + conf + " has no linux line, so it names no kernel kboot can load"
                    + " (a Type #1 entry needs linux PATH).");
        }
        return new Entry(conf.getFileName().toString(), root, sortKey, machineId, version, linux, initrds, String.join(" ", options));
    }

    /** loader.conf's {@code default} glob, if it has one ({@code @saved} and friends are the boot menu's: ignored). */
    private static Optional<String> defaultPattern(Path loaderConf) throws ViolationException {
        if (!Files.isRegularFile(loaderConf)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(loaderConf, StandardCharsets.UTF_8)) {
                String[] keyValue = line.strip().split("\\s+", 2);
                if (keyValue[0].equals("default") && keyValue.length > 1 && !keyValue[1].startsWith("@")) {
                    return Optional.of(keyValue[1].strip());
                }
            }
        } catch (IOException e) {
            throw refusal("cannot read " + loaderConf + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private static ViolationException refusal(String reason) {
        return new ViolationException(Violation.of(Rule.IMAGE_FILE, null, reason));
    }
}
