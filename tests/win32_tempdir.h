/*
 * A fresh directory under GetTempPath for one test, and its removal, for
 * the file tests (test_win32_files*.c, test_win32_find.c).  Written with
 * the Win32 calls themselves, as a Windows test would be, and with
 * backslashes, as Windows code spells paths.
 */
#ifndef WS2T_WIN32_TEMPDIR_H
#define WS2T_WIN32_TEMPDIR_H

#include <stdio.h>
#include <string.h>

#include <windows.h>

/* A new empty directory; out holds MAX_PATH characters. */
static inline void wt_tempdir(char *out)
{
    static LONG counter;
    char base[MAX_PATH];
    DWORD n = GetTempPathA(MAX_PATH, base);
    assert_true(n > 0 && n < MAX_PATH);
    int len = snprintf(out, MAX_PATH, "%sws2t-files-%lu-%ld", base,
                       (unsigned long)GetCurrentProcessId(), (long)InterlockedIncrement(&counter));
    assert_true(len > 0 && len < MAX_PATH);
    assert_true(CreateDirectoryA(out, NULL));
}

/* dir\name into out (MAX_PATH characters). */
static inline void wt_path(char *out, const char *dir, const char *name)
{
    int len = snprintf(out, MAX_PATH, "%s\\%s", dir, name);
    assert_true(len > 0 && len < MAX_PATH);
}

/* Removes dir and everything in it (FindFirstFile, DeleteFile, RemoveDirectory). */
static inline void wt_rmtree(const char *dir)
{
    char pattern[MAX_PATH], child[MAX_PATH];
    wt_path(pattern, dir, "*");
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA(pattern, &fd);
    if (h != INVALID_HANDLE_VALUE) {
        do {
            if (strcmp(fd.cFileName, ".") == 0 || strcmp(fd.cFileName, "..") == 0)
                continue;
            wt_path(child, dir, fd.cFileName);
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
                wt_rmtree(child);
            } else {
                SetFileAttributesA(child, FILE_ATTRIBUTE_NORMAL);
                assert_true(DeleteFileA(child));
            }
        } while (FindNextFileA(h, &fd));
        assert_int_equal(GetLastError(), ERROR_NO_MORE_FILES);
        assert_true(FindClose(h));
    }
    assert_true(RemoveDirectoryA(dir));
}

/* A file made with CREATE_NEW holding len bytes of data. */
static inline void wt_write_file(const char *path, const void *data, DWORD len)
{
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    DWORD done = 0;
    assert_true(WriteFile(h, data, len, &done, NULL));
    assert_int_equal(done, len);
    assert_true(CloseHandle(h));
}

#endif
