/* Output on a 16550 UART, for the purgatory's progress and failure messages. */
#ifndef KBOOT_CONSOLE_H
#define KBOOT_CONSOLE_H

#include <stdint.h>

void console_init(uint16_t port, uint32_t baud);
void console_print(const char *text);
void console_hex(uint64_t value);
void console_bytes(const uint8_t *bytes, unsigned length);
void console_decimal(uint64_t value);

#endif
