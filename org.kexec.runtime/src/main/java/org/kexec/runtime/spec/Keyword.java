package org.kexec.runtime.spec;

/** An enum constant with the word a spec and the canonical JSON use for it. */
public interface Keyword {

    /** The word in specs and JSON, e.g. {@code kexec_file_load}. */
    String keyword();

    /** The constant of {@code type} whose keyword is {@code keyword}, or null. */
    static <E extends Enum<E> & Keyword> E lookup(Class<E> type, String keyword) {
        for (E constant : type.getEnumConstants()) {
            if (constant.keyword().equals(keyword)) {
                return constant;
            }
        }
        return null;
    }
}
