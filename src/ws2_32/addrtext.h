/*
 * Address text and string helpers shared by the name and address functions
 * (inet.c, netdb.c, hostent.c, addrstring.c).  The parsers and formatters
 * follow Windows' rules rather than the C library's: inet_addr's BSD forms,
 * inet_pton's strict dotted quad, and the IPv6 text that Windows prints
 * (dotted tails for mapped, compatible and ISATAP addresses).
 */
#ifndef WS2_WS2_32_ADDRTEXT_H
#define WS2_WS2_32_ADDRTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <winsock2.h>
#include <ws2tcpip.h>

/* Longest texts, with their terminating NUL. */
#define WS2_IPV4_TEXT_MAX 16 /* 255.255.255.255 */
#define WS2_IPV6_TEXT_MAX 46 /* ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255 */

/*
 * The BSD forms that inet_addr accepts: a, a.b, a.b.c and a.b.c.d, each part
 * decimal, octal (leading 0) or hexadecimal (leading 0x).  Parses from s and
 * stops at the first character that cannot continue the address, which is
 * returned in *end for the caller to judge.  *addr is in network byte order.
 */
bool ws2_ipv4_parse_bsd(const char *s, ULONG *addr, const char **end);

/* One BSD number (decimal, 0-octal or 0x-hex) up to max; *end as above. */
bool ws2_parse_bsd_number(const char *s, unsigned long max, unsigned long *value, const char **end);

/*
 * inet_pton's dotted quad, as Windows reads it: four decimal parts of at
 * most 255 without leading zeros, then any character but '.' or a digit
 * ends it, returned in *end.  out is written only when it is true.
 */
bool ws2_ipv4_parse_strict(const char *s, BYTE out[4], const char **end);

/*
 * IPv6 text as Windows reads it, from s up to the first character that
 * cannot continue an address (returned in *end when true).  out is written
 * as Windows writes it, also when the result is false (inet.c).
 */
bool ws2_ipv6_parse_partial(const char *s, BYTE out[16], const char **end);

/* The IPv6 text forms, over exactly len characters; out is written only when true. */
bool ws2_ipv6_parse(const char *s, size_t len, BYTE out[16]);

/* Text of an address; out must hold WS2_IPV4_TEXT_MAX / WS2_IPV6_TEXT_MAX. Returns the length. */
size_t ws2_ipv4_format(const BYTE addr[4], char *out);
size_t ws2_ipv6_format(const BYTE addr[16], char *out);

/*
 * Copies a wide string holding only ASCII into out (outlen bytes with the
 * NUL).  False if it is longer or holds anything else: no address text does.
 */
bool ws2_ascii_from_wide(PCWSTR in, char *out, size_t outlen);

/* Wide strings (UTF-32) to and from UTF-8, in new malloc blocks; NULL when memory runs out. */
char *ws2_utf8_from_wide(PCWSTR in);
WCHAR *ws2_wide_from_utf8(const char *in);

/* Length in WCHARs (code points), without the NUL, of the conversion of a UTF-8 string. */
size_t ws2_wide_length(const char *in);

/* Converts into a buffer of at least ws2_wide_length(in) + 1 units. */
void ws2_wide_copy(const char *in, WCHAR *out);

#endif
