/*
 * Files as socket programs use them (fileapi.h): CreateFile's
 * dispositions and their last errors, synchronous ReadFile/WriteFile with
 * the file pointer, GetFileSize, SetFilePointer's rules, SetEndOfFile,
 * DeleteFile, attributes, directories, MoveFile/CopyFile, GetTempPath and
 * GetTempFileName, GetFileType, and ReadFile/WriteFile on a socket.
 */
#include <windows.h>

#include "testlib.h"
#include "win32_tempdir.h"

static void create_write_read_seek_size_eof_delete(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "data.bin");
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    /* A new file: "the function succeeds and the last-error code is set to zero". */
    assert_int_equal(GetLastError(), 0);

    DWORD n = 99;
    assert_true(WriteFile(h, "hello world", 11, &n, NULL));
    assert_int_equal(n, 11);
    DWORD high = 7;
    assert_int_equal(GetFileSize(h, &high), 11);
    assert_int_equal(high, 0);
    LARGE_INTEGER size;
    assert_true(GetFileSizeEx(h, &size));
    assert_int_equal(size.QuadPart, 11);

    /* The pointer is after the write; back to 6, then read to the end. */
    assert_int_equal(SetFilePointer(h, 0, NULL, FILE_CURRENT), 11);
    assert_int_equal(SetFilePointer(h, 6, NULL, FILE_BEGIN), 6);
    char buf[64] = {0};
    assert_true(ReadFile(h, buf, sizeof(buf), &n, NULL));
    assert_int_equal(n, 5);
    assert_memory_equal(buf, "world", 5);
    /* At the end: TRUE with 0 bytes. */
    n = 99;
    assert_true(ReadFile(h, buf, sizeof(buf), &n, NULL));
    assert_int_equal(n, 0);
    /* FILE_END with a negative distance. */
    assert_int_equal(SetFilePointer(h, -5, NULL, FILE_END), 6);
    assert_true(ReadFile(h, buf, 2, &n, NULL));
    assert_int_equal(n, 2);
    assert_memory_equal(buf, "wo", 2);

    /* SetEndOfFile cuts at the pointer. */
    assert_int_equal(SetFilePointer(h, 5, NULL, FILE_BEGIN), 5);
    assert_true(SetEndOfFile(h));
    assert_int_equal(GetFileSize(h, NULL), 5);
    assert_true(FlushFileBuffers(h));
    assert_int_equal(GetFileType(h), FILE_TYPE_DISK);
    assert_true(CloseHandle(h));
    /* A closed handle is invalid. */
    assert_false(CloseHandle(h));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_false(ReadFile(h, buf, 1, &n, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);

    assert_true(DeleteFileA(path));
    assert_int_equal(GetFileAttributesA(path), INVALID_FILE_ATTRIBUTES);
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    assert_false(DeleteFileA(path));
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    wt_rmtree(dir);
}

static void create_new_on_existing_fails_with_file_exists(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "x.txt");
    wt_write_file(path, "abc", 3);
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_FILE_EXISTS);
    wt_rmtree(dir);
}

static void open_always_and_create_always_report_already_exists(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "x.txt");

    /* OPEN_ALWAYS on a new file: created, last error 0. */
    SetLastError(1234);
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), 0);
    DWORD n;
    assert_true(WriteFile(h, "abcdef", 6, &n, NULL));
    assert_true(CloseHandle(h));

    /* OPEN_ALWAYS on an existing file: success with ERROR_ALREADY_EXISTS, contents kept. */
    h = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_ALREADY_EXISTS);
    assert_int_equal(GetFileSize(h, NULL), 6);
    assert_true(CloseHandle(h));

    /* CREATE_ALWAYS on an existing file: truncated, success with ERROR_ALREADY_EXISTS. */
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_ALREADY_EXISTS);
    assert_int_equal(GetFileSize(h, NULL), 0);
    assert_true(CloseHandle(h));

    /* TRUNCATE_EXISTING needs GENERIC_WRITE, and an existing file. */
    h = CreateFileA(path, GENERIC_READ, 0, NULL, TRUNCATE_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_true(DeleteFileA(path));
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, TRUNCATE_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);

    /* An unknown disposition. */
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, 0, FILE_ATTRIBUTE_NORMAL, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    wt_rmtree(dir);
}

static void missing_file_and_missing_directory_errors_differ(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "missing.txt");
    HANDLE h = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    wt_path(path, dir, "nodir\\missing.txt");
    h = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_PATH_NOT_FOUND);
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_PATH_NOT_FOUND);
    assert_int_equal(GetFileAttributesA(path), INVALID_FILE_ATTRIBUTES);
    assert_int_equal(GetLastError(), ERROR_PATH_NOT_FOUND);
    /* An empty name, and none at all. */
    assert_true(CreateFileA("", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) ==
                INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_PATH_NOT_FOUND);
    assert_true(CreateFileA(NULL, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL) ==
                INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    /* A directory is not opened as a file without FILE_FLAG_BACKUP_SEMANTICS. */
    h = CreateFileA(dir, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h == INVALID_HANDLE_VALUE);
    assert_int_equal(GetLastError(), ERROR_ACCESS_DENIED);
    h = CreateFileA(dir, GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
}

static void set_file_pointer_high_part_and_negative_seek(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "sparse.bin");
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    DWORD n;
    assert_true(WriteFile(h, "0123456789", 10, &n, NULL));

    /* Negative: ERROR_NEGATIVE_SEEK, the pointer stays. */
    assert_int_equal(SetFilePointer(h, -11, NULL, FILE_CURRENT), INVALID_SET_FILE_POINTER);
    assert_int_equal(GetLastError(), ERROR_NEGATIVE_SEEK);
    assert_int_equal(SetFilePointer(h, 0, NULL, FILE_CURRENT), 10);
    LARGE_INTEGER d, pos;
    d.QuadPart = -20;
    assert_false(SetFilePointerEx(h, d, &pos, FILE_CURRENT));
    assert_int_equal(GetLastError(), ERROR_NEGATIVE_SEEK);
    assert_false(SetFilePointerEx(h, d, &pos, 7));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    /* 4 GiB + 16 through the high part: the low part is returned, the high part written back. */
    LONG high = 1;
    SetLastError(1234);
    assert_int_equal(SetFilePointer(h, 16, &high, FILE_BEGIN), 16);
    assert_int_equal(high, 1);
    assert_int_equal(GetLastError(), NO_ERROR);
    assert_true(SetEndOfFile(h));
    DWORD size_high = 0;
    assert_int_equal(GetFileSize(h, &size_high), 16);
    assert_int_equal(size_high, 1);
    /* A low part of 0xFFFFFFFF is a valid position: GetLastError tells (NO_ERROR). */
    high = 0;
    assert_int_equal(SetFilePointer(h, (LONG)0xFFFFFFFF, &high, FILE_BEGIN), 0xFFFFFFFF);
    assert_int_equal(GetLastError(), NO_ERROR);
    assert_int_equal(high, 0);
    /* Without the high part the result must fit in 32 bits; the pointer stays. */
    assert_int_equal(SetFilePointer(h, 0, NULL, FILE_END), INVALID_SET_FILE_POINTER);
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    d.QuadPart = 0;
    assert_true(SetFilePointerEx(h, d, &pos, FILE_CURRENT));
    assert_int_equal(pos.QuadPart, 0xFFFFFFFFLL);
    d.QuadPart = 4;
    assert_true(SetFilePointerEx(h, d, &pos, FILE_BEGIN));
    assert_int_equal(pos.QuadPart, 4);
    char buf[4];
    assert_true(ReadFile(h, buf, 4, &n, NULL));
    assert_memory_equal(buf, "4567", 4);
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
}

static void delete_on_close_removes_the_file_at_close(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "temp.bin");
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_DELETE, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    DWORD n;
    assert_true(WriteFile(h, "x", 1, &n, NULL));
    assert_true(GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES);
    assert_true(CloseHandle(h));
    assert_int_equal(GetFileAttributesA(path), INVALID_FILE_ATTRIBUTES);
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    wt_rmtree(dir);
}

static void access_rights_are_enforced(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "x.txt");
    wt_write_file(path, "abc", 3);
    HANDLE h = CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    DWORD n = 5;
    assert_false(WriteFile(h, "z", 1, &n, NULL));
    assert_int_equal(GetLastError(), ERROR_ACCESS_DENIED);
    assert_int_equal(n, 0);
    assert_false(SetEndOfFile(h));
    assert_int_equal(GetLastError(), ERROR_ACCESS_DENIED);
    assert_true(CloseHandle(h));
    h = CreateFileA(path, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    char buf[4];
    assert_false(ReadFile(h, buf, 1, &n, NULL));
    assert_int_equal(GetLastError(), ERROR_ACCESS_DENIED);
    assert_true(CloseHandle(h));
    /* FILE_APPEND_DATA alone: every write goes to the end. */
    h = CreateFileA(path, FILE_APPEND_DATA, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_true(WriteFile(h, "de", 2, &n, NULL));
    assert_true(CloseHandle(h));
    h = CreateFileA(path, FILE_GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_true(ReadFile(h, buf, 4, &n, NULL));
    assert_int_equal(n, 4);
    assert_memory_equal(buf, "abcd", 4);
    assert_true(CloseHandle(h));
    wt_rmtree(dir);
}

static void attributes_of_files_and_directories(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH], sub[MAX_PATH];
    wt_tempdir(dir);
    assert_int_equal(GetFileAttributesA(dir), FILE_ATTRIBUTE_DIRECTORY);
    wt_path(path, dir, "plain.txt");
    wt_write_file(path, "12345", 5);
    assert_int_equal(GetFileAttributesA(path), FILE_ATTRIBUTE_NORMAL);
    WIN32_FILE_ATTRIBUTE_DATA data;
    assert_true(GetFileAttributesExA(path, GetFileExInfoStandard, &data));
    assert_int_equal(data.dwFileAttributes, FILE_ATTRIBUTE_NORMAL);
    assert_int_equal(data.nFileSizeLow, 5);
    assert_int_equal(data.nFileSizeHigh, 0);
    assert_true(data.ftLastWriteTime.dwHighDateTime != 0);
    assert_false(GetFileAttributesExA(path, GetFileExMaxInfoLevel, &data));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);

    /* A dot-file is hidden; read-only is the write permission. */
    wt_path(path, dir, ".hidden");
    wt_write_file(path, "", 0);
    assert_int_equal(GetFileAttributesA(path), FILE_ATTRIBUTE_HIDDEN);
    wt_path(path, dir, "ro.txt");
    HANDLE h = CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_READONLY, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_true(CloseHandle(h));
    assert_int_equal(GetFileAttributesA(path), FILE_ATTRIBUTE_READONLY);
    /* Windows refuses to delete a read-only file. */
    assert_false(DeleteFileA(path));
    assert_int_equal(GetLastError(), ERROR_ACCESS_DENIED);
    assert_true(SetFileAttributesA(path, FILE_ATTRIBUTE_NORMAL));
    assert_int_equal(GetFileAttributesA(path), FILE_ATTRIBUTE_NORMAL);
    assert_true(DeleteFileA(path));

    /* Directories. */
    wt_path(sub, dir, "sub");
    assert_true(CreateDirectoryA(sub, NULL));
    assert_false(CreateDirectoryA(sub, NULL));
    assert_int_equal(GetLastError(), ERROR_ALREADY_EXISTS);
    assert_false(DeleteFileA(sub));
    assert_int_equal(GetLastError(), ERROR_ACCESS_DENIED);
    wt_path(path, sub, "inner.txt");
    wt_write_file(path, "i", 1);
    assert_false(RemoveDirectoryA(sub));
    assert_int_equal(GetLastError(), ERROR_DIR_NOT_EMPTY);
    assert_false(RemoveDirectoryA(path));
    assert_int_equal(GetLastError(), ERROR_DIRECTORY);
    wt_path(path, dir, "no\\such\\dir");
    assert_false(CreateDirectoryA(path, NULL));
    assert_int_equal(GetLastError(), ERROR_PATH_NOT_FOUND);
    wt_rmtree(dir);
}

static void move_and_copy_refuse_existing_targets_unless_asked(void **state)
{
    (void)state;
    char dir[MAX_PATH], a[MAX_PATH], b[MAX_PATH], c[MAX_PATH];
    wt_tempdir(dir);
    wt_path(a, dir, "a.txt");
    wt_path(b, dir, "b.txt");
    wt_path(c, dir, "c.txt");
    wt_write_file(a, "AAAA", 4);
    wt_write_file(b, "BB", 2);
    assert_false(CopyFileA(a, b, TRUE));
    assert_int_equal(GetLastError(), ERROR_FILE_EXISTS);
    assert_true(CopyFileA(a, c, TRUE));
    assert_true(CopyFileA(b, c, FALSE));
    WIN32_FILE_ATTRIBUTE_DATA data;
    assert_true(GetFileAttributesExA(c, GetFileExInfoStandard, &data));
    assert_int_equal(data.nFileSizeLow, 2);
    assert_false(MoveFileA(a, b));
    assert_int_equal(GetLastError(), ERROR_ALREADY_EXISTS);
    assert_true(MoveFileExA(a, b, MOVEFILE_REPLACE_EXISTING));
    assert_int_equal(GetFileAttributesA(a), INVALID_FILE_ATTRIBUTES);
    assert_true(GetFileAttributesExA(b, GetFileExInfoStandard, &data));
    assert_int_equal(data.nFileSizeLow, 4);
    assert_false(MoveFileA(a, c));
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    assert_false(CopyFileA(a, c, FALSE));
    assert_int_equal(GetLastError(), ERROR_FILE_NOT_FOUND);
    wt_rmtree(dir);
}

static void temp_path_and_temp_file_name(void **state)
{
    (void)state;
    char tmp[MAX_PATH];
    DWORD n = GetTempPathA(MAX_PATH, tmp);
    assert_true(n > 0 && n < MAX_PATH);
    assert_int_equal(strlen(tmp), n);
    assert_true(tmp[n - 1] == '/' || tmp[n - 1] == '\\');
    /* Too small: the size needed, with the NUL. */
    char small[2];
    assert_int_equal(GetTempPathA(sizeof(small), small), n + 1);
    WCHAR wtmp[MAX_PATH];
    assert_int_equal(GetTempPathW(MAX_PATH, wtmp), n);

    char dir[MAX_PATH], name[MAX_PATH], name2[MAX_PATH];
    wt_tempdir(dir);
    UINT u = GetTempFileNameA(dir, "wst", 0, name);
    assert_true(u != 0);
    assert_true(strstr(name, "wst") != NULL);
    assert_true(strstr(name, ".TMP") != NULL);
    /* uUnique 0 creates the file, so a second call picks another name. */
    assert_true(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES);
    assert_true(GetTempFileNameA(dir, "wst", 0, name2) != 0);
    assert_true(strcmp(name, name2) != 0);
    /* A given number makes the name only. */
    assert_int_equal(GetTempFileNameA(dir, "abcdef", 0x1a2b, name), 0x1a2b);
    assert_true(strstr(name, "abc1A2B.TMP") != NULL);
    assert_int_equal(GetFileAttributesA(name), INVALID_FILE_ATTRIBUTES);
    char missing[MAX_PATH];
    wt_path(missing, dir, "nope");
    assert_int_equal(GetTempFileNameA(missing, "x", 0, name), 0);
    assert_int_equal(GetLastError(), ERROR_DIRECTORY);
    wt_rmtree(dir);
}

static void wide_names_round_trip(void **state)
{
    (void)state;
    char dir[MAX_PATH];
    wt_tempdir(dir);
    WCHAR wpath[MAX_PATH];
    swprintf(wpath, MAX_PATH, L"%hs\\caf\u00e9-\u65e5\u672c.txt", dir);
    HANDLE h = CreateFileW(wpath, GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_true(CloseHandle(h));
    assert_int_equal(GetFileAttributesW(wpath), FILE_ATTRIBUTE_NORMAL);
    /* The same file by its UTF-8 name. */
    char utf8[MAX_PATH];
    wt_path(utf8, dir, "caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac.txt");
    assert_int_equal(GetFileAttributesA(utf8), FILE_ATTRIBUTE_NORMAL);
    assert_true(DeleteFileW(wpath));
    assert_int_equal(GetFileAttributesA(utf8), INVALID_FILE_ATTRIBUTES);
    wt_rmtree(dir);
}

static void current_directory_follows_set_current_directory(void **state)
{
    (void)state;
    char dir[MAX_PATH], before[MAX_PATH], now[MAX_PATH];
    wt_tempdir(dir);
    DWORD n = GetCurrentDirectoryA(MAX_PATH, before);
    assert_true(n > 0 && n < MAX_PATH);
    assert_int_equal(GetCurrentDirectoryA(1, now), n + 1);
    assert_true(SetCurrentDirectoryA(dir));
    /* A relative name now lands in dir. */
    wt_write_file("rel.txt", "r", 1);
    char path[MAX_PATH];
    wt_path(path, dir, "rel.txt");
    assert_true(GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES);
    assert_true(GetCurrentDirectoryA(MAX_PATH, now) > 0);
    assert_true(SetCurrentDirectoryA(before));
    assert_false(SetCurrentDirectoryA(path));
    assert_int_equal(GetLastError(), ERROR_DIRECTORY);
    wt_rmtree(dir);
}

/* ReadFile and WriteFile on a socket are WSARecv and WSASend. */
static void read_file_and_write_file_work_on_sockets(void **state)
{
    (void)state;
    SOCKET c, s;
    ws2t_tcp_pair(AF_INET, &c, &s);
    assert_int_equal(GetFileType((HANDLE)c), FILE_TYPE_PIPE);
    DWORD n = 0;
    assert_true(WriteFile((HANDLE)c, "ping", 4, &n, NULL));
    assert_int_equal(n, 4);
    char buf[16];
    assert_true(ReadFile((HANDLE)s, buf, sizeof(buf), &n, NULL));
    assert_int_equal(n, 4);
    assert_memory_equal(buf, "ping", 4);

    /* Overlapped, with an event. */
    OVERLAPPED ov;
    memset(&ov, 0, sizeof(ov));
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    BOOL ok = ReadFile((HANDLE)c, buf, sizeof(buf), NULL, &ov);
    assert_true(ok || GetLastError() == ERROR_IO_PENDING);
    assert_true(WriteFile((HANDLE)s, "pong!", 5, &n, NULL));
    assert_int_equal(WaitForSingleObject(ov.hEvent, 10000), WAIT_OBJECT_0);
    assert_true(GetOverlappedResult((HANDLE)c, &ov, &n, FALSE));
    assert_int_equal(n, 5);
    assert_memory_equal(buf, "pong!", 5);
    CloseHandle(ov.hEvent);
    closesocket(c);
    closesocket(s);
}

static void bad_arguments_get_errors_not_crashes(void **state)
{
    (void)state;
    char dir[MAX_PATH], path[MAX_PATH];
    wt_tempdir(dir);
    wt_path(path, dir, "x");
    wt_write_file(path, "abc", 3);
    HANDLE h = CreateFileA(path, GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    char buf[4];
    /* Synchronous without a count. */
    assert_false(ReadFile(h, buf, 1, NULL, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    DWORD n;
    assert_false(ReadFile(h, (void *)8, 3, &n, NULL));
    assert_int_equal(GetLastError(), ERROR_NOACCESS);
    assert_false(ReadFile(h, buf, 1, (LPDWORD)8, NULL));
    assert_int_equal(GetLastError(), ERROR_NOACCESS);
    assert_false(GetFileSizeEx(h, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_PARAMETER);
    assert_int_equal(GetFileAttributesA((LPCSTR)8), INVALID_FILE_ATTRIBUTES);
    assert_int_equal(GetLastError(), ERROR_NOACCESS);
    assert_true(CloseHandle(h));
    assert_int_equal(GetFileType(INVALID_HANDLE_VALUE), FILE_TYPE_UNKNOWN);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    assert_int_equal(GetFileSize(NULL, NULL), INVALID_FILE_SIZE);
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    /* An event handle is not a file. */
    HANDLE e = CreateEventA(NULL, TRUE, FALSE, NULL);
    assert_false(WriteFile(e, "x", 1, &n, NULL));
    assert_int_equal(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(e);
    wt_rmtree(dir);
}

/* "NUL" is the null device, as on Windows: writes vanish, reads end at once. */
static void nul_device_takes_writes_and_reads_nothing(void **state)
{
    (void)state;
    HANDLE h = CreateFileA("NUL", GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    assert_true(h != INVALID_HANDLE_VALUE);
    assert_int_equal(GetFileType(h), FILE_TYPE_CHAR);
    DWORD n = 0;
    assert_true(WriteFile(h, "gone", 4, &n, NULL));
    assert_int_equal(n, 4);
    char buf[4];
    assert_true(ReadFile(h, buf, sizeof(buf), &n, NULL));
    assert_int_equal(n, 0);
    assert_true(CloseHandle(h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_write_read_seek_size_eof_delete),
        cmocka_unit_test(create_new_on_existing_fails_with_file_exists),
        cmocka_unit_test(open_always_and_create_always_report_already_exists),
        cmocka_unit_test(missing_file_and_missing_directory_errors_differ),
        cmocka_unit_test(set_file_pointer_high_part_and_negative_seek),
        cmocka_unit_test(delete_on_close_removes_the_file_at_close),
        cmocka_unit_test(access_rights_are_enforced),
        cmocka_unit_test(attributes_of_files_and_directories),
        cmocka_unit_test(move_and_copy_refuse_existing_targets_unless_asked),
        cmocka_unit_test(temp_path_and_temp_file_name),
        cmocka_unit_test(wide_names_round_trip),
        cmocka_unit_test(current_directory_follows_set_current_directory),
        cmocka_unit_test_setup_teardown(read_file_and_write_file_work_on_sockets, ws2t_setup,
                                        ws2t_teardown),
        cmocka_unit_test(bad_arguments_get_errors_not_crashes),
        cmocka_unit_test(nul_device_takes_writes_and_reads_nothing),
    };
    return cmocka_run_group_tests_name("win32_files", tests, NULL, NULL);
}
