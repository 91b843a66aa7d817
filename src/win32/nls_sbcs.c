/*
 * The single-byte code pages we offer besides UTF-8: 28591 (ISO 8859-1,
 * Latin-1), where byte and character are the same number, and 1252 (Windows
 * Western, the ANSI code page of Western-European Windows), which is Latin-1
 * but for 0x80..0x9F.
 */
#include "win32/nls.h"

/*
 * 1252's 0x80..0x9F (Unicode's published mapping for the code page).  The
 * five bytes it leaves unassigned (0x81, 0x8D, 0x8F, 0x90, 0x9D) stand for
 * the C1 controls of the same number, as in Windows' own table, so every
 * byte converts and converts back.
 */
static const unsigned short sbcs__1252_high[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
    0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

unsigned long nls_sbcs_to_wide(unsigned codepage, unsigned char b)
{
    if (codepage == 1252 && b >= 0x80 && b <= 0x9f)
        return sbcs__1252_high[b - 0x80];
    return b;
}

bool nls_sbcs_from_wide(unsigned codepage, unsigned long c, unsigned char *b)
{
    if (codepage == 1252) {
        for (unsigned i = 0; i < 32; i++) {
            if (sbcs__1252_high[i] == c) {
                *b = (unsigned char)(0x80 + i);
                return true;
            }
        }
        if (c >= 0x80 && c <= 0x9f)
            return false; /* those bytes mean the characters above */
    }
    if (c > 0xff)
        return false;
    *b = (unsigned char)c;
    return true;
}
