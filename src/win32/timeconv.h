/*
 * Time arithmetic shared by the system-time calls: a time is a count of
 * 100-nanosecond ticks since 1601-01-01 00:00 UTC (a FILETIME's value), and
 * these helpers convert it to and from Unix time, FILETIME and SYSTEMTIME.
 */
#ifndef WS2_WIN32_TIMECONV_H
#define WS2_WIN32_TIMECONV_H

#include <stdbool.h>
#include <stdint.h>

#include <windows.h>

/* Ticks between 1601-01-01 and 1970-01-01 (369 years, 89 of them leap years). */
#define TIMECONV_UNIX_EPOCH       116444736000000000ULL
#define TIMECONV_TICKS_PER_SECOND 10000000ULL

/* Unix seconds and nanoseconds to ticks; times before 1601 become 0. */
uint64_t timeconv_from_timespec(int64_t sec, long nsec);

static inline uint64_t timeconv_from_filetime(const FILETIME *ft)
{
    return ((uint64_t)ft->dwHighDateTime << 32) | ft->dwLowDateTime;
}

static inline void timeconv_to_filetime(uint64_t ticks, FILETIME *ft)
{
    ft->dwLowDateTime = (DWORD)ticks;
    ft->dwHighDateTime = (DWORD)(ticks >> 32);
}

/* The calendar fields of a time below 2^63 ticks (false above). */
bool timeconv_to_systemtime(uint64_t ticks, SYSTEMTIME *st);

/* The time of calendar fields, false if one is out of range (wDayOfWeek is ignored). */
bool timeconv_from_systemtime(const SYSTEMTIME *st, uint64_t *ticks);

/* Days in a month of a year (month 1-12). */
unsigned timeconv_month_days(unsigned year, unsigned month);

#endif
