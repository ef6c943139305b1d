package org.kexec.dsl.validation;

/**
 * The code of every diagnostic the language reports, so editors, quick fixes and tests can act on a rule without
 * reading its message. One constant per rule; the validator that reports it is named beside each group. Rules the
 * loader applies too are not here: their diagnostics carry the runtime's {@code Rule.code()} ({@code kernel-not-64bit},
 * {@code cmdline-too-long}, ...), as the loader's refusals name them.
 */
public final class IssueCodes {
    private static final String PREFIX = "org.kexec.dsl.";

    // Names and structure (NamesValidator, linking)
    public static final String UNRESOLVED_REFERENCE = PREFIX + "unresolvedReference";
    public static final String DUPLICATE_NAME = PREFIX + "duplicateName";
    public static final String DUPLICATE_NAME_ACROSS_FILES = PREFIX + "duplicateNameAcrossFiles";
    public static final String DUPLICATE_SETTING = PREFIX + "duplicateSetting";
    public static final String EXTENDS_CYCLE = PREFIX + "extendsCycle";

    // Images and trust anchors (ImageValidator)
    public static final String MISSING_PATH = PREFIX + "missingPath";
    public static final String INVALID_DIGEST = PREFIX + "invalidDigest";
    public static final String FILE_NOT_CHECKED = PREFIX + "fileNotChecked";
    public static final String FILE_UNUSABLE = PREFIX + "fileUnusable";
    public static final String SIGNATURE_ON_INITRD = PREFIX + "signatureOnInitrd";

    // Boots (BootValidator)
    public static final String MISSING_KERNEL = PREFIX + "missingKernel";
    public static final String WRONG_IMAGE_ROLE = PREFIX + "wrongImageRole";
    public static final String FILE_LOAD_ON_XEN = PREFIX + "fileLoadOnXen";
    public static final String FILE_LOAD_HASH = PREFIX + "fileLoadHash";
    public static final String FILE_LOAD_PURGATORY = PREFIX + "fileLoadPurgatory";
    public static final String FILE_LOAD_PLACEMENT = PREFIX + "fileLoadPlacement";
    public static final String LOCKDOWN_KEXEC_LOAD = PREFIX + "lockdownKexecLoad";

    // Command line (CmdlineValidator)
    public static final String DROP_WITHOUT_REUSE = PREFIX + "dropWithoutReuse";
    public static final String CRASH_CMDLINE_INCOMPLETE = PREFIX + "crashCmdlineIncomplete";

    // Crash (CrashValidator)
    public static final String CRASH_SETTINGS_ON_DEFAULT = PREFIX + "crashSettingsOnDefault";
    public static final String BACKUP_OUTSIDE_LOW_MEMORY = PREFIX + "backupOutsideLowMemory";
    public static final String BACKUP_NOT_KIB_MULTIPLE = PREFIX + "backupNotKibMultiple";
    public static final String CRASH_REGION_TOO_SMALL = PREFIX + "crashRegionTooSmall";
    public static final String CRASH_REGION_TIGHT = PREFIX + "crashRegionTight";
    public static final String RESERVATION_MISMATCH = PREFIX + "reservationMismatch";
    public static final String ELF32_HIGH_MEMORY = PREFIX + "elf32HighMemory";

    // Purgatory (PurgatoryValidator)
    public static final String UNKNOWN_REGISTER = PREFIX + "unknownRegister";
    public static final String DUPLICATE_REGISTER = PREFIX + "duplicateRegister";
    public static final String UNKNOWN_REGISTER_SYMBOL = PREFIX + "unknownRegisterSymbol";
    public static final String ENTRY_REGISTER_OUTSIDE_SEGMENTS = PREFIX + "entryRegisterOutsideSegments";
    public static final String HASH_NONE = PREFIX + "hashNone";
    public static final String CONSOLE_PORT = PREFIX + "consolePort";
    public static final String CONSOLE_BAUD = PREFIX + "consoleBaud";

    // Placement (PlacementValidator)
    public static final String UNKNOWN_PROFILE = PREFIX + "unknownProfile";
    public static final String MEMMAP_FILE_INVALID = PREFIX + "memmapFileInvalid";
    public static final String UNALIGNED_ADDRESS = PREFIX + "unalignedAddress";
    public static final String PLACED_IMAGE_NOT_LOADED = PREFIX + "placedImageNotLoaded";
    public static final String DUPLICATE_PLACEMENT = PREFIX + "duplicatePlacement";

    // Unified Kernel Images (PlanValidator)
    public static final String UKI_SIGNED_CMDLINE_REPLACED = PREFIX + "ukiSignedCmdlineReplaced";

    private IssueCodes() {
    }
}
