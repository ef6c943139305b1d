package org.kexec.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kexec.runtime.spec.BootSpec;
import org.kexec.runtime.spec.BootSpecJson;

/**
 * Renders the outputs of validated boots: per boot, a folder named after the boot's qualified name holding its
 * canonical {@code boot.json}. A pure function of the specs; {@link OutputWriter} puts the result on disk.
 */
public final class KBootGenerator {

    private KBootGenerator() {
    }

    public static List<GeneratedFile> generate(List<BootSpec> boots) {
        List<GeneratedFile> files = new ArrayList<>();
        for (BootSpec boot : boots) {
            files.add(new GeneratedFile(boot.name() + "/boot.json", BootSpecJson.write(boot).getBytes(StandardCharsets.UTF_8)));
        }
        return files;
    }
}
