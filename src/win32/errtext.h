/*
 * The system message table: the English text of the Win32, Winsock and
 * generic COM error codes, as FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM) gives
 * them on Windows.  One table for FormatMessageA and FormatMessageW, and for
 * gai_strerror.
 */
#ifndef WS2_WIN32_ERRTEXT_H
#define WS2_WIN32_ERRTEXT_H

#include <windows.h>

struct errtext_entry {
    DWORD code;
    const char *text; /* ASCII, without the "\r\n" that ends every system message */
};

/* The parts of the table, each sorted by code (errtext_*.c). */
extern const struct errtext_entry errtext_system_low[]; /* 0 to 999 */
extern const unsigned errtext_system_low_count;
extern const struct errtext_entry errtext_system_high[]; /* 1000 to 2999 */
extern const unsigned errtext_system_high_count;
extern const struct errtext_entry errtext_winsock[]; /* 10004 to 11033, then HRESULTs */
extern const unsigned errtext_winsock_count;

/*
 * The text of a message id, or NULL if the system has none.  An HRESULT of
 * facility FACILITY_WIN32 (HRESULT_FROM_WIN32(code), 0x8007xxxx) has the
 * text of its Win32 code, as on Windows: E_ACCESSDENIED reads "Access is
 * denied."
 */
const char *errtext_lookup(DWORD id);

#endif
