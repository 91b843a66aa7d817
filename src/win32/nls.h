/*
 * The library's one UTF-8 codec and the single-byte code pages, shared by
 * MultiByteToWideChar / WideCharToMultiByte (nls.c), the wide forms of the
 * Winsock name functions (ws2_32/wide.c) and wmain's arguments (wmain.c).
 *
 * A wide character (WCHAR, which is wchar_t) holds one code point here:
 * wchar_t is UTF-32 on Linux.  A surrogate value (U+D800..U+DFFF, which
 * only UTF-16 gives a meaning, in pairs) or a value past U+10FFFF is not a
 * character, so it is invalid input, as an unpaired surrogate is on Windows.
 */
#ifndef WS2_WIN32_NLS_H
#define WS2_WIN32_NLS_H

#include <stdbool.h>
#include <stddef.h>

/* What an invalid sequence reads as when the caller did not ask to fail. */
#define NLS_REPLACEMENT 0xfffdu

/* Whether c is a Unicode scalar value (a code point that is not a surrogate). */
static inline bool nls_is_scalar(unsigned long c)
{
    return c < 0xd800 || (c > 0xdfff && c <= 0x10ffff);
}

/*
 * Decodes the next character of the UTF-8 bytes s[0..n) (n > 0).  Returns
 * the number of bytes read (at least 1) and the character in *c; false in
 * *valid when those bytes are an ill-formed sequence, in which case *c is
 * U+FFFD.  An ill-formed sequence is its maximal subpart (Unicode 15,
 * section 3.9, "U+FFFD Substitution of Maximal Subparts"): the longest
 * prefix of a well-formed sequence, or one byte, so each error costs one
 * replacement and never swallows a valid character after it.
 */
size_t nls_utf8_decode(const unsigned char *s, size_t n, unsigned long *c, bool *valid);

/* The UTF-8 length of scalar value c (1 to 4). */
size_t nls_utf8_length(unsigned long c);

/* Writes the UTF-8 form of scalar value c into out (room for 4); returns its length. */
size_t nls_utf8_encode(unsigned long c, char *out);

/*
 * The single-byte code pages: the character a byte stands for, and the
 * byte for a character (false when the code page has none).
 */
unsigned long nls_sbcs_to_wide(unsigned codepage, unsigned char b);
bool nls_sbcs_from_wide(unsigned codepage, unsigned long c, unsigned char *b);

#endif
