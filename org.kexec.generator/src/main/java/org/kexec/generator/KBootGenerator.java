package org.kexec.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kexec.generator.loader.LoaderSource;
import org.kexec.runtime.purgatory.PurgatoryTable;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;
import org.kexec.runtime.spec.LoadMode;

/**
 * Renders the outputs of validated boots: per boot, a folder named after the boot's qualified name holding its
 * canonical {@code boot.json}, the source of its loader ({@code BootLoader.java}, see {@link LoaderSource}) and, for boots through kboot's purgatory, the purgatory's table as far as the spec
 * fixes it ({@code purgatory-table.bin}), its layout ({@code kboot_table.h}) and a readable listing
 * ({@code purgatory-table.txt}). A pure function of the specs; {@link OutputWriter} puts the result on disk.
 */
public final class KBootGenerator {

    private KBootGenerator() {
    }

    public static List<GeneratedFile> generate(List<BootSpec> boots) {
        List<GeneratedFile> files = new ArrayList<>();
        byte[] header = tableHeader();
        for (BootSpec boot : boots) {
            files.add(new GeneratedFile(boot.name() + "/boot.json", BootSpecJson.write(boot).getBytes(StandardCharsets.UTF_8)));
            files.add(new GeneratedFile(boot.name() + "/" + LoaderSource.CLASS + ".java",
                    LoaderSource.render(boot).getBytes(StandardCharsets.UTF_8)));
            if (boot.loadMode() != LoadMode.KEXEC_FILE_LOAD) {
                PurgatoryTable table = PurgatoryTable.compileTime(boot);
                files.add(new GeneratedFile(boot.name() + "/purgatory-table.bin", table.bytes()));
                files.add(new GeneratedFile(boot.name() + "/kboot_table.h", header));
                files.add(new GeneratedFile(boot.name() + "/purgatory-table.txt",
                        PurgatoryTableListing.render(boot, table).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return files;
    }

    /** The table's C header as the runtime jar carries it: the one the purgatory was built with. */
    private static byte[] tableHeader() {
        try (InputStream in = PurgatoryTable.class.getResourceAsStream("kboot_table.h")) {
            if (in == null) {
                throw new IllegalStateException("kboot_table.h is missing from the runtime jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
