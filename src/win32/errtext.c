/*
 * Looking up the system message table (errtext_*.c hold the texts).
 */
#include "win32/errtext.h"

#include <stdlib.h>

static int errtext__compare(const void *key, const void *elem)
{
    DWORD id = *(const DWORD *)key;
    DWORD code = ((const struct errtext_entry *)elem)->code;
    return id < code ? -1 : id > code ? 1 : 0;
}

static const char *errtext__search(const struct errtext_entry *table, unsigned count, DWORD id)
{
    const struct errtext_entry *e = bsearch(&id, table, count, sizeof(table[0]), errtext__compare);
    return e ? e->text : NULL;
}

const char *errtext_lookup(DWORD id)
{
    const char *text = errtext__search(errtext_system_low, errtext_system_low_count, id);
    if (!text)
        text = errtext__search(errtext_system_high, errtext_system_high_count, id);
    if (!text)
        text = errtext__search(errtext_winsock, errtext_winsock_count, id);
    /*
     * HRESULT_FROM_WIN32(code) is 0x8007xxxx; Windows' message table answers
     * for it with the Win32 code's text ("The parameter is incorrect." for
     * E_INVALIDARG, 0x80070057).
     */
    if (!text && (id & 0xFFFF0000u) == 0x80070000u)
        text = errtext_lookup(id & 0xFFFFu);
    return text;
}
