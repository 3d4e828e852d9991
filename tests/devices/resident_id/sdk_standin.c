/*
 * Stand-in for a vendor ID-card SDK (sdtapi / termb "SDT_*" function set), built
 * by the tests with gcc into a shared library and loaded by SdkResidentIdReader.
 *
 * It holds one fixed synthetic card (never a real person) and models the SAM's
 * rules the adapter relies on: find answers 0x9F with a card and 0x80 without,
 * select needs a find, read needs a select, and after a successful read the
 * card must leave the field (find answers 0x80 until standin_present_card()).
 *
 * Test controls (not part of any vendor API):
 *   standin_set_fault(int)   one of the FAULT_* values below
 *   standin_present_card()   the card is lifted and put back
 *   standin_calls(name)      how often an SDT_* function was called
 */
#include <string.h>

#define SW_OK 0x90
#define SW_NO_CONTENT 0x91
#define SW_FIND_OK 0x9F
#define SW_FIND_FAIL 0x80
#define SW_SELECT_FAIL 0x81
#define SW_READ_FAIL 0x41
#define SW_SAM_REJECTED_CARD 0x32
#define SDK_PORT_ERROR 0x01
#define SDK_TIMEOUT 0x02

enum {
    FAULT_NONE = 0,
    FAULT_NO_CARD = 1,         /* no card on the reader */
    FAULT_READ_ERROR = 2,      /* card pulled during SDT_ReadBaseMsg: 0x41 */
    FAULT_PORT = 3,            /* SDT_OpenPort fails, every call says port not open */
    FAULT_TIMEOUT_ONCE = 4,    /* the next SDT_ReadBaseMsg times out, then works */
    FAULT_TIMEOUT_ALWAYS = 5,  /* every SDT_ReadBaseMsg times out */
    FAULT_SAM_REJECTS = 6,     /* SDT_SelectIDCard: the SAM cannot authenticate the card */
    FAULT_NO_APPENDED = 7      /* the card holds no appended address: 0x91 */
};

static int fault = FAULT_NONE;
static int port_open = 0;
static int found = 0, selected = 0, read_done = 0;

static const char *names[] = {"SDT_OpenPort", "SDT_ClosePort", "SDT_GetSAMStatus",
                              "SDT_StartFindIDCard", "SDT_SelectIDCard", "SDT_ReadBaseMsg",
                              "SDT_ReadNewAppMsg"};
static int calls[7];

/* UTF-16 code units of the synthetic card's fields. */
static const unsigned short NAME[] = {0x674E, 0x5C0F, 0x7EA2, 0};                 /* 李小红 */
static const unsigned short SEX[] = {'2', 0};
static const unsigned short NATION[] = {'0', '3', 0};                            /* 回 */
static const unsigned short BIRTH[] = {'1', '9', '8', '5', '1', '2', '3', '1', 0};
static const unsigned short ADDRESS[] = {0x6D59, 0x6C5F, 0x7701, 0x4E49, 0x4E4C, 0x5E02, 0x7A20,
                                         0x5DDE, 0x5317, 0x8DEF, '1', '0', '0', 0x53F7, 0};
                                         /* 浙江省义乌市稠州北路100号 */
static const unsigned short ID_NUMBER[] = {'3', '3', '0', '7', '8', '2', '1', '9', '8', '5',
                                           '1', '2', '3', '1', '2', '4', '6', '9', 0};
static const unsigned short AUTHORITY[] = {0x4E49, 0x4E4C, 0x5E02, 0x516C, 0x5B89, 0x5C40, 0};
                                           /* 义乌市公安局 */
static const unsigned short VALID_FROM[] = {'2', '0', '1', '5', '0', '6', '0', '1', 0};
static const unsigned short VALID_TO[] = {'2', '0', '3', '5', '0', '6', '0', '1', 0};
static const unsigned short NEW_ADDRESS[] = {0x6D59, 0x6C5F, 0x7701, 0x91D1, 0x534E, 0x5E02,
                                             0x793A, 0x4F8B, 0x8DEF, '2', 0x53F7, 0};
                                             /* 浙江省金华市示例路2号 */

static void count(int i) { calls[i]++; }

/* Write a field as UTF-16LE at a byte offset, padded with spaces to its width. */
static void put(unsigned char *block, int offset, int width, const unsigned short *text) {
    int i = 0;
    for (; text[i] && 2 * i < width; i++) {
        block[offset + 2 * i] = (unsigned char)(text[i] & 0xFF);
        block[offset + 2 * i + 1] = (unsigned char)(text[i] >> 8);
    }
    for (; 2 * i < width; i++) {
        block[offset + 2 * i] = ' ';
        block[offset + 2 * i + 1] = 0;
    }
}

void standin_set_fault(int f) { fault = f; }
void standin_present_card(void) { found = selected = read_done = 0; }
int standin_calls(const char *name) {
    for (int i = 0; i < 7; i++)
        if (strcmp(names[i], name) == 0) return calls[i];
    return -1;
}

int SDT_OpenPort(int port) {
    count(0);
    if (fault == FAULT_PORT || port < 1) return SDK_PORT_ERROR;
    port_open = 1;
    return SW_OK;
}

int SDT_ClosePort(int port) {
    (void)port;
    count(1);
    port_open = 0;
    return SW_OK;
}

int SDT_GetSAMStatus(int port, int if_open) {
    (void)port; (void)if_open;
    count(2);
    return port_open && fault != FAULT_PORT ? SW_OK : SDK_PORT_ERROR;
}

int SDT_StartFindIDCard(int port, unsigned char *iin, int if_open) {
    (void)port; (void)if_open;
    count(3);
    if (!port_open || fault == FAULT_PORT) return SDK_PORT_ERROR;
    found = selected = 0;
    if (fault == FAULT_NO_CARD || read_done) return SW_FIND_FAIL;
    memset(iin, 0, 4);
    found = 1;
    return SW_FIND_OK;
}

int SDT_SelectIDCard(int port, unsigned char *sn, int if_open) {
    (void)port; (void)if_open;
    count(4);
    if (!port_open || fault == FAULT_PORT) return SDK_PORT_ERROR;
    if (fault == FAULT_SAM_REJECTS) return SW_SAM_REJECTED_CARD;
    if (!found) return SW_SELECT_FAIL;
    memset(sn, 0, 8);
    selected = 1;
    return SW_OK;
}

int SDT_ReadBaseMsg(int port, unsigned char *text, unsigned int *text_len,
                    unsigned char *photo, unsigned int *photo_len, int if_open) {
    (void)port; (void)if_open;
    count(5);
    if (!port_open || fault == FAULT_PORT) return SDK_PORT_ERROR;
    if (fault == FAULT_TIMEOUT_ALWAYS) return SDK_TIMEOUT;
    if (fault == FAULT_TIMEOUT_ONCE) { fault = FAULT_NONE; return SDK_TIMEOUT; }
    if (fault == FAULT_READ_ERROR || !selected) return SW_READ_FAIL;
    put(text, 0, 30, NAME);
    put(text, 30, 2, SEX);
    put(text, 32, 4, NATION);
    put(text, 36, 16, BIRTH);
    put(text, 52, 70, ADDRESS);
    put(text, 122, 36, ID_NUMBER);
    put(text, 158, 30, AUTHORITY);
    put(text, 188, 16, VALID_FROM);
    put(text, 204, 16, VALID_TO);
    put(text, 220, 36, (const unsigned short[]){0});
    *text_len = 256;
    for (int i = 0; i < 1024; i++) photo[i] = (unsigned char)((i * 7 + 3) & 0xFF);
    *photo_len = 1024;
    read_done = 1;
    return SW_OK;
}

int SDT_ReadNewAppMsg(int port, unsigned char *data, unsigned int *len, int if_open) {
    (void)port; (void)if_open;
    count(6);
    if (!port_open || fault == FAULT_PORT) return SDK_PORT_ERROR;
    if (!selected) return SW_READ_FAIL;
    if (fault == FAULT_NO_APPENDED) { *len = 0; return SW_NO_CONTENT; }
    put(data, 0, 70, NEW_ADDRESS);
    *len = 70;
    return SW_OK;
}
