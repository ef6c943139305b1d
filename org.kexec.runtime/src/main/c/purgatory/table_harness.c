/*
 * Host harness for the table layout: fills a struct kboot_table with the values PurgatoryTableTest writes
 * through Java's twin and prints its bytes, so the test can compare the two layouts byte for byte.
 */
#include <stdio.h>
#include <string.h>
#include "kboot_table.h"

int main(void)
{
    struct kboot_table table;
    memset(&table, 0, sizeof table);
    memcpy(table.magic, KBOOT_TABLE_MAGIC, 8);
    table.version = KBOOT_TABLE_VERSION;
    table.size = KBOOT_TABLE_SIZE;
    table.flags = KBOOT_FLAG_CONSOLE | KBOOT_FLAG_BACKUP | KBOOT_FLAG_PVH;
    table.hash = KBOOT_HASH_SHA384;
    for (int i = 0; i < 48; i++)
        table.digest[i] = (unsigned char)(0xa0 + i);
    table.region_count = 3;
    for (int i = 0; i < 3; i++) {
        table.regions[i].start = 0x1000000ull * (i + 1);
        table.regions[i].length = 0x1000ull * (i + 1);
    }
    for (int i = 0; i < KBOOT_REGISTERS; i++)
        table.registers[i] = 0x0101010101010101ull * (i + 1);
    table.backup_src = 0;
    table.backup_dst = 0x32f57000;
    table.backup_size = 0xa0000;
    table.console_port = 0x3f8;
    table.console_baud = 115200;
    fwrite(&table, sizeof table, 1, stdout);
    return 0;
}
