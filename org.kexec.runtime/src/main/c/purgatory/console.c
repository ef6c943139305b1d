/* A polled 16550 UART: 8N1, FIFO on, no interrupts. Silent until console_init is called. */
#include "console.h"

#define UART_THR 0      /* transmit holding register */
#define UART_IER 1      /* interrupt enable */
#define UART_FCR 2      /* FIFO control */
#define UART_LCR 3      /* line control */
#define UART_MCR 4      /* modem control */
#define UART_LSR 5      /* line status */
#define UART_DLL 0      /* divisor latch, with LCR.DLAB set */
#define UART_DLM 1
#define LSR_THRE 0x20   /* transmit holding register empty */
#define UART_CLOCK 115200

static uint16_t console_port;

static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
    return value;
}

void console_init(uint16_t port, uint32_t baud)
{
    uint32_t divisor = baud ? UART_CLOCK / baud : 1;
    console_port = port;
    outb(port + UART_IER, 0x00);
    outb(port + UART_LCR, 0x80);
    outb(port + UART_DLL, (uint8_t)divisor);
    outb(port + UART_DLM, (uint8_t)(divisor >> 8));
    outb(port + UART_LCR, 0x03);
    outb(port + UART_FCR, 0x07);
    outb(port + UART_MCR, 0x03);
}

static void console_putc(char c)
{
    for (unsigned spins = 0; spins < 100000 && !(inb(console_port + UART_LSR) & LSR_THRE); spins++)
        ;
    outb(console_port + UART_THR, (uint8_t)c);
}

void console_print(const char *text)
{
    if (!console_port)
        return;
    for (; *text; text++) {
        if (*text == '\n')
            console_putc('\r');
        console_putc(*text);
    }
}

void console_hex(uint64_t value)
{
    char text[19] = "0x";
    int digits = 1;
    for (uint64_t rest = value >> 4; rest; rest >>= 4)
        digits++;
    for (int i = digits - 1; i >= 0; i--, value >>= 4)
        text[2 + i] = "0123456789abcdef"[value & 0xf];
    text[2 + digits] = 0;
    console_print(text);
}

void console_bytes(const uint8_t *bytes, unsigned length)
{
    char text[3] = {0, 0, 0};
    for (unsigned i = 0; i < length; i++) {
        text[0] = "0123456789abcdef"[bytes[i] >> 4];
        text[1] = "0123456789abcdef"[bytes[i] & 0xf];
        console_print(text);
    }
}

void console_decimal(uint64_t value)
{
    char text[21];
    int i = 20;
    text[i] = 0;
    do {
        text[--i] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    console_print(text + i);
}
