/*
 * The system message table, Win32 error codes 0 to 999: the English text that
 * FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM) gives for each, as Microsoft publishes it
 * (learn.microsoft.com, "System Error Codes"), without the line break that ends every
 * message (formatmessage.c adds it).  Sorted by code; errtext.c searches it.
 */
#include "win32/errtext.h"

/* One message a line (the table reads best so): clang-format leaves it alone. */
// clang-format off
const struct errtext_entry errtext_system_low[] = {
    {0, "The operation completed successfully."}, /* ERROR_SUCCESS */
    {1, "Incorrect function."}, /* ERROR_INVALID_FUNCTION */
    {2, "The system cannot find the file specified."}, /* ERROR_FILE_NOT_FOUND */
    {3, "The system cannot find the path specified."}, /* ERROR_PATH_NOT_FOUND */
    {4, "The system cannot open the file."}, /* ERROR_TOO_MANY_OPEN_FILES */
    {5, "Access is denied."}, /* ERROR_ACCESS_DENIED */
    {6, "The handle is invalid."}, /* ERROR_INVALID_HANDLE */
    {7, "The storage control blocks were destroyed."}, /* ERROR_ARENA_TRASHED */
    {8, "Not enough memory resources are available to process this command."}, /* ERROR_NOT_ENOUGH_MEMORY */
    {9, "The storage control block address is invalid."}, /* ERROR_INVALID_BLOCK */
    {10, "The environment is incorrect."}, /* ERROR_BAD_ENVIRONMENT */
    {11, "An attempt was made to load a program with an incorrect format."}, /* ERROR_BAD_FORMAT */
    {12, "The access code is invalid."}, /* ERROR_INVALID_ACCESS */
    {13, "The data is invalid."}, /* ERROR_INVALID_DATA */
    {14, "Not enough memory resources are available to complete this operation."}, /* ERROR_OUTOFMEMORY */
    {15, "The system cannot find the drive specified."}, /* ERROR_INVALID_DRIVE */
    {16, "The directory cannot be removed."}, /* ERROR_CURRENT_DIRECTORY */
    {17, "The system cannot move the file to a different disk drive."}, /* ERROR_NOT_SAME_DEVICE */
    {18, "There are no more files."}, /* ERROR_NO_MORE_FILES */
    {19, "The media is write protected."}, /* ERROR_WRITE_PROTECT */
    {20, "The system cannot find the device specified."}, /* ERROR_BAD_UNIT */
    {21, "The device is not ready."}, /* ERROR_NOT_READY */
    {22, "The device does not recognize the command."}, /* ERROR_BAD_COMMAND */
    {23, "Data error (cyclic redundancy check)."}, /* ERROR_CRC */
    {24, "The program issued a command but the command length is incorrect."}, /* ERROR_BAD_LENGTH */
    {25, "The drive cannot locate a specific area or track on the disk."}, /* ERROR_SEEK */
    {26, "The specified disk or diskette cannot be accessed."}, /* ERROR_NOT_DOS_DISK */
    {27, "The drive cannot find the sector requested."}, /* ERROR_SECTOR_NOT_FOUND */
    {28, "The printer is out of paper."}, /* ERROR_OUT_OF_PAPER */
    {29, "The system cannot write to the specified device."}, /* ERROR_WRITE_FAULT */
    {30, "The system cannot read from the specified device."}, /* ERROR_READ_FAULT */
    {31, "A device attached to the system is not functioning."}, /* ERROR_GEN_FAILURE */
    {32, "The process cannot access the file because it is being used by another process."}, /* ERROR_SHARING_VIOLATION */
    {33, "The process cannot access the file because another process has locked a portion of the file."}, /* ERROR_LOCK_VIOLATION */
    {34, "The wrong diskette is in the drive. Insert %2 (Volume Serial Number: %3) into drive %1."}, /* ERROR_WRONG_DISK */
    {36, "Too many files opened for sharing."}, /* ERROR_SHARING_BUFFER_EXCEEDED */
    {38, "Reached the end of the file."}, /* ERROR_HANDLE_EOF */
    {39, "The disk is full."}, /* ERROR_HANDLE_DISK_FULL */
    {50, "The request is not supported."}, /* ERROR_NOT_SUPPORTED */
    {51, "Windows cannot find the network path. Verify that the network path is correct and the destination computer is not busy or turned off. If Windows still cannot find the network path, contact your network administrator."}, /* ERROR_REM_NOT_LIST */
    {52, "You were not connected because a duplicate name exists on the network. If joining a domain, go to System in Control Panel to change the computer name and try again. If joining a workgroup, choose another workgroup name."}, /* ERROR_DUP_NAME */
    {53, "The network path was not found."}, /* ERROR_BAD_NETPATH */
    {54, "The network is busy."}, /* ERROR_NETWORK_BUSY */
    {55, "The specified network resource or device is no longer available."}, /* ERROR_DEV_NOT_EXIST */
    {56, "The network BIOS command limit has been reached."}, /* ERROR_TOO_MANY_CMDS */
    {57, "A network adapter hardware error occurred."}, /* ERROR_ADAP_HDW_ERR */
    {58, "The specified server cannot perform the requested operation."}, /* ERROR_BAD_NET_RESP */
    {59, "An unexpected network error occurred."}, /* ERROR_UNEXP_NET_ERR */
    {60, "The remote adapter is not compatible."}, /* ERROR_BAD_REM_ADAP */
    {61, "The printer queue is full."}, /* ERROR_PRINTQ_FULL */
    {62, "Space to store the file waiting to be printed is not available on the server."}, /* ERROR_NO_SPOOL_SPACE */
    {63, "Your file waiting to be printed was deleted."}, /* ERROR_PRINT_CANCELLED */
    {64, "The specified network name is no longer available."}, /* ERROR_NETNAME_DELETED */
    {65, "Network access is denied."}, /* ERROR_NETWORK_ACCESS_DENIED */
    {66, "The network resource type is not correct."}, /* ERROR_BAD_DEV_TYPE */
    {67, "The network name cannot be found."}, /* ERROR_BAD_NET_NAME */
    {68, "The name limit for the local computer network adapter card was exceeded."}, /* ERROR_TOO_MANY_NAMES */
    {69, "The network BIOS session limit was exceeded."}, /* ERROR_TOO_MANY_SESS */
    {70, "The remote server has been paused or is in the process of being started."}, /* ERROR_SHARING_PAUSED */
    {71, "No more connections can be made to this remote computer at this time because there are already as many connections as the computer can accept."}, /* ERROR_REQ_NOT_ACCEP */
    {72, "The specified printer or disk device has been paused."}, /* ERROR_REDIR_PAUSED */
    {80, "The file exists."}, /* ERROR_FILE_EXISTS */
    {82, "The directory or file cannot be created."}, /* ERROR_CANNOT_MAKE */
    {83, "Fail on INT 24."}, /* ERROR_FAIL_I24 */
    {84, "Storage to process this request is not available."}, /* ERROR_OUT_OF_STRUCTURES */
    {85, "The local device name is already in use."}, /* ERROR_ALREADY_ASSIGNED */
    {86, "The specified network password is not correct."}, /* ERROR_INVALID_PASSWORD */
    {87, "The parameter is incorrect."}, /* ERROR_INVALID_PARAMETER */
    {88, "A write fault occurred on the network."}, /* ERROR_NET_WRITE_FAULT */
    {89, "The system cannot start another process at this time."}, /* ERROR_NO_PROC_SLOTS */
    {100, "Cannot create another system semaphore."}, /* ERROR_TOO_MANY_SEMAPHORES */
    {101, "The exclusive semaphore is owned by another process."}, /* ERROR_EXCL_SEM_ALREADY_OWNED */
    {102, "The semaphore is set and cannot be closed."}, /* ERROR_SEM_IS_SET */
    {103, "The semaphore cannot be set again."}, /* ERROR_TOO_MANY_SEM_REQUESTS */
    {104, "Cannot request exclusive semaphores at interrupt time."}, /* ERROR_INVALID_AT_INTERRUPT_TIME */
    {105, "The previous ownership of this semaphore has ended."}, /* ERROR_SEM_OWNER_DIED */
    {106, "Insert the diskette for drive %1."}, /* ERROR_SEM_USER_LIMIT */
    {107, "The program stopped because an alternate diskette was not inserted."}, /* ERROR_DISK_CHANGE */
    {108, "The disk is in use or locked by another process."}, /* ERROR_DRIVE_LOCKED */
    {109, "The pipe has been ended."}, /* ERROR_BROKEN_PIPE */
    {110, "The system cannot open the device or file specified."}, /* ERROR_OPEN_FAILED */
    {111, "The file name is too long."}, /* ERROR_BUFFER_OVERFLOW */
    {112, "There is not enough space on the disk."}, /* ERROR_DISK_FULL */
    {113, "No more internal file identifiers available."}, /* ERROR_NO_MORE_SEARCH_HANDLES */
    {114, "The target internal file identifier is incorrect."}, /* ERROR_INVALID_TARGET_HANDLE */
    {117, "The IOCTL call made by the application program is not correct."}, /* ERROR_INVALID_CATEGORY */
    {118, "The verify-on-write switch parameter value is not correct."}, /* ERROR_INVALID_VERIFY_SWITCH */
    {119, "The system does not support the command requested."}, /* ERROR_BAD_DRIVER_LEVEL */
    {120, "This function is not supported on this system."}, /* ERROR_CALL_NOT_IMPLEMENTED */
    {121, "The semaphore timeout period has expired."}, /* ERROR_SEM_TIMEOUT */
    {122, "The data area passed to a system call is too small."}, /* ERROR_INSUFFICIENT_BUFFER */
    {123, "The filename, directory name, or volume label syntax is incorrect."}, /* ERROR_INVALID_NAME */
    {124, "The system call level is not correct."}, /* ERROR_INVALID_LEVEL */
    {125, "The disk has no volume label."}, /* ERROR_NO_VOLUME_LABEL */
    {126, "The specified module could not be found."}, /* ERROR_MOD_NOT_FOUND */
    {127, "The specified procedure could not be found."}, /* ERROR_PROC_NOT_FOUND */
    {128, "There are no child processes to wait for."}, /* ERROR_WAIT_NO_CHILDREN */
    {129, "The %1 application cannot be run in Win32 mode."}, /* ERROR_CHILD_NOT_COMPLETE */
    {130, "Attempt to use a file handle to an open disk partition for an operation other than raw disk I/O."}, /* ERROR_DIRECT_ACCESS_HANDLE */
    {131, "An attempt was made to move the file pointer before the beginning of the file."}, /* ERROR_NEGATIVE_SEEK */
    {132, "The file pointer cannot be set on the specified device or file."}, /* ERROR_SEEK_ON_DEVICE */
    {133, "A JOIN or SUBST command cannot be used for a drive that contains previously joined drives."}, /* ERROR_IS_JOIN_TARGET */
    {134, "An attempt was made to use a JOIN or SUBST command on a drive that has already been joined."}, /* ERROR_IS_JOINED */
    {135, "An attempt was made to use a JOIN or SUBST command on a drive that has already been substituted."}, /* ERROR_IS_SUBSTED */
    {136, "The system tried to delete the JOIN of a drive that is not joined."}, /* ERROR_NOT_JOINED */
    {137, "The system tried to delete the substitution of a drive that is not substituted."}, /* ERROR_NOT_SUBSTED */
    {138, "The system tried to join a drive to a directory on a joined drive."}, /* ERROR_JOIN_TO_JOIN */
    {139, "The system tried to substitute a drive to a directory on a substituted drive."}, /* ERROR_SUBST_TO_SUBST */
    {140, "The system tried to join a drive to a directory on a substituted drive."}, /* ERROR_JOIN_TO_SUBST */
    {141, "The system tried to SUBST a drive to a directory on a joined drive."}, /* ERROR_SUBST_TO_JOIN */
    {142, "The system cannot perform a JOIN or SUBST at this time."}, /* ERROR_BUSY_DRIVE */
    {143, "The system cannot join or substitute a drive to or for a directory on the same drive."}, /* ERROR_SAME_DRIVE */
    {144, "The directory is not a subdirectory of the root directory."}, /* ERROR_DIR_NOT_ROOT */
    {145, "The directory is not empty."}, /* ERROR_DIR_NOT_EMPTY */
    {146, "The path specified is being used in a substitute."}, /* ERROR_IS_SUBST_PATH */
    {147, "Not enough resources are available to process this command."}, /* ERROR_IS_JOIN_PATH */
    {148, "The path specified cannot be used at this time."}, /* ERROR_PATH_BUSY */
    {149, "An attempt was made to join or substitute a drive for which a directory on the drive is the target of a previous substitute."}, /* ERROR_IS_SUBST_TARGET */
    {150, "System trace information was not specified in your CONFIG.SYS file, or tracing is disallowed."}, /* ERROR_SYSTEM_TRACE */
    {151, "The number of specified semaphore events for DosMuxSemWait is not correct."}, /* ERROR_INVALID_EVENT_COUNT */
    {152, "DosMuxSemWait did not execute; too many semaphores are already set."}, /* ERROR_TOO_MANY_MUXWAITERS */
    {153, "The DosMuxSemWait list is not correct."}, /* ERROR_INVALID_LIST_FORMAT */
    {154, "The volume label you entered exceeds the label character limit of the target file system."}, /* ERROR_LABEL_TOO_LONG */
    {155, "Cannot create another thread."}, /* ERROR_TOO_MANY_TCBS */
    {156, "The recipient process has refused the signal."}, /* ERROR_SIGNAL_REFUSED */
    {157, "The segment is already discarded and cannot be locked."}, /* ERROR_DISCARDED */
    {158, "The segment is already unlocked."}, /* ERROR_NOT_LOCKED */
    {159, "The address for the thread ID is not correct."}, /* ERROR_BAD_THREADID_ADDR */
    {160, "One or more arguments are not correct."}, /* ERROR_BAD_ARGUMENTS */
    {161, "The specified path is invalid."}, /* ERROR_BAD_PATHNAME */
    {162, "A signal is already pending."}, /* ERROR_SIGNAL_PENDING */
    {164, "No more threads can be created in the system."}, /* ERROR_MAX_THRDS_REACHED */
    {167, "Unable to lock a region of a file."}, /* ERROR_LOCK_FAILED */
    {170, "The requested resource is in use."}, /* ERROR_BUSY */
    {171, "Device's command support detection is in progress."}, /* ERROR_DEVICE_SUPPORT_IN_PROGRESS */
    {173, "A lock request was not outstanding for the supplied cancel region."}, /* ERROR_CANCEL_VIOLATION */
    {174, "The file system does not support atomic changes to the lock type."}, /* ERROR_ATOMIC_LOCKS_NOT_SUPPORTED */
    {180, "The system detected a segment number that was not correct."}, /* ERROR_INVALID_SEGMENT_NUMBER */
    {182, "The operating system cannot run %1."}, /* ERROR_INVALID_ORDINAL */
    {183, "Cannot create a file when that file already exists."}, /* ERROR_ALREADY_EXISTS */
    {186, "The flag passed is not correct."}, /* ERROR_INVALID_FLAG_NUMBER */
    {187, "The specified system semaphore name was not found."}, /* ERROR_SEM_NOT_FOUND */
    {188, "The operating system cannot run %1."}, /* ERROR_INVALID_STARTING_CODESEG */
    {189, "The operating system cannot run %1."}, /* ERROR_INVALID_STACKSEG */
    {190, "The operating system cannot run %1."}, /* ERROR_INVALID_MODULETYPE */
    {191, "Cannot run %1 in Win32 mode."}, /* ERROR_INVALID_EXE_SIGNATURE */
    {192, "The operating system cannot run %1."}, /* ERROR_EXE_MARKED_INVALID */
    {193, "%1 is not a valid Win32 application."}, /* ERROR_BAD_EXE_FORMAT */
    {194, "The operating system cannot run %1."}, /* ERROR_ITERATED_DATA_EXCEEDS_64k */
    {195, "The operating system cannot run %1."}, /* ERROR_INVALID_MINALLOCSIZE */
    {196, "The operating system cannot run this application program."}, /* ERROR_DYNLINK_FROM_INVALID_RING */
    {197, "The operating system is not presently configured to run this application."}, /* ERROR_IOPL_NOT_ENABLED */
    {198, "The operating system cannot run %1."}, /* ERROR_INVALID_SEGDPL */
    {199, "The operating system cannot run this application program."}, /* ERROR_AUTODATASEG_EXCEEDS_64k */
    {200, "The code segment cannot be greater than or equal to 64K."}, /* ERROR_RING2SEG_MUST_BE_MOVABLE */
    {201, "The operating system cannot run %1."}, /* ERROR_RELOC_CHAIN_XEEDS_SEGLIM */
    {202, "The operating system cannot run %1."}, /* ERROR_INFLOOP_IN_RELOC_CHAIN */
    {203, "The system could not find the environment option that was entered."}, /* ERROR_ENVVAR_NOT_FOUND */
    {205, "No process in the command subtree has a signal handler."}, /* ERROR_NO_SIGNAL_SENT */
    {206, "The filename or extension is too long."}, /* ERROR_FILENAME_EXCED_RANGE */
    {207, "The ring 2 stack is in use."}, /* ERROR_RING2_STACK_IN_USE */
    {208, "The global filename characters, * or ?, are entered incorrectly or too many global filename characters are specified."}, /* ERROR_META_EXPANSION_TOO_LONG */
    {209, "The signal being posted is not correct."}, /* ERROR_INVALID_SIGNAL_NUMBER */
    {210, "The signal handler cannot be set."}, /* ERROR_THREAD_1_INACTIVE */
    {212, "The segment is locked and cannot be reallocated."}, /* ERROR_LOCKED */
    {214, "Too many dynamic-link modules are attached to this program or dynamic-link module."}, /* ERROR_TOO_MANY_MODULES */
    {215, "Cannot nest calls to LoadModule."}, /* ERROR_NESTING_NOT_ALLOWED */
    {216, "This version of %1 is not compatible with the version of Windows you're running. Check your computer's system information and then contact the software publisher."}, /* ERROR_EXE_MACHINE_TYPE_MISMATCH */
    {217, "The image file %1 is signed, unable to modify."}, /* ERROR_EXE_CANNOT_MODIFY_SIGNED_BINARY */
    {218, "The image file %1 is strong signed, unable to modify."}, /* ERROR_EXE_CANNOT_MODIFY_STRONG_SIGNED_BINARY */
    {220, "This file is checked out or locked for editing by another user."}, /* ERROR_FILE_CHECKED_OUT */
    {221, "The file must be checked out before saving changes."}, /* ERROR_CHECKOUT_REQUIRED */
    {222, "The file type being saved or retrieved has been blocked."}, /* ERROR_BAD_FILE_TYPE */
    {223, "The file size exceeds the limit allowed and cannot be saved."}, /* ERROR_FILE_TOO_LARGE */
    {224, "Access Denied. Before opening files in this location, you must first add the web site to your trusted sites list, browse to the web site, and select the option to login automatically."}, /* ERROR_FORMS_AUTH_REQUIRED */
    {225, "Operation did not complete successfully because the file contains a virus or potentially unwanted software."}, /* ERROR_VIRUS_INFECTED */
    {226, "This file contains a virus or potentially unwanted software and cannot be opened. Due to the nature of this virus or potentially unwanted software, the file has been removed from this location."}, /* ERROR_VIRUS_DELETED */
    {229, "The pipe is local."}, /* ERROR_PIPE_LOCAL */
    {230, "The pipe state is invalid."}, /* ERROR_BAD_PIPE */
    {231, "All pipe instances are busy."}, /* ERROR_PIPE_BUSY */
    {232, "The pipe is being closed."}, /* ERROR_NO_DATA */
    {233, "No process is on the other end of the pipe."}, /* ERROR_PIPE_NOT_CONNECTED */
    {234, "More data is available."}, /* ERROR_MORE_DATA */
    {240, "The session was canceled."}, /* ERROR_VC_DISCONNECTED */
    {254, "The specified extended attribute name was invalid."}, /* ERROR_INVALID_EA_NAME */
    {255, "The extended attributes are inconsistent."}, /* ERROR_EA_LIST_INCONSISTENT */
    {258, "The wait operation timed out."}, /* WAIT_TIMEOUT */
    {259, "No more data is available."}, /* ERROR_NO_MORE_ITEMS */
    {266, "The copy functions cannot be used."}, /* ERROR_CANNOT_COPY */
    {267, "The directory name is invalid."}, /* ERROR_DIRECTORY */
    {275, "The extended attributes did not fit in the buffer."}, /* ERROR_EAS_DIDNT_FIT */
    {276, "The extended attribute file on the mounted file system is corrupt."}, /* ERROR_EA_FILE_CORRUPT */
    {277, "The extended attribute table file is full."}, /* ERROR_EA_TABLE_FULL */
    {278, "The specified extended attribute handle is invalid."}, /* ERROR_INVALID_EA_HANDLE */
    {282, "The mounted file system does not support extended attributes."}, /* ERROR_EAS_NOT_SUPPORTED */
    {288, "Attempt to release mutex not owned by caller."}, /* ERROR_NOT_OWNER */
    {298, "Too many posts were made to a semaphore."}, /* ERROR_TOO_MANY_POSTS */
    {299, "Only part of a ReadProcessMemory or WriteProcessMemory request was completed."}, /* ERROR_PARTIAL_COPY */
    {300, "The oplock request is denied."}, /* ERROR_OPLOCK_NOT_GRANTED */
    {301, "An invalid oplock acknowledgment was received by the system."}, /* ERROR_INVALID_OPLOCK_PROTOCOL */
    {302, "The volume is too fragmented to complete this operation."}, /* ERROR_DISK_TOO_FRAGMENTED */
    {303, "The file cannot be opened because it is in the process of being deleted."}, /* ERROR_DELETE_PENDING */
    {304, "Short name settings may not be changed on this volume due to the global registry setting."}, /* ERROR_INCOMPATIBLE_WITH_GLOBAL_SHORT_NAME_REGISTRY_SETTING */
    {305, "Short names are not enabled on this volume."}, /* ERROR_SHORT_NAMES_NOT_ENABLED_ON_VOLUME */
    {306, "The security stream for the given volume is in an inconsistent state. Please run CHKDSK on the volume."}, /* ERROR_SECURITY_STREAM_IS_INCONSISTENT */
    {307, "A requested file lock operation cannot be processed due to an invalid byte range."}, /* ERROR_INVALID_LOCK_RANGE */
    {308, "The subsystem needed to support the image type is not present."}, /* ERROR_IMAGE_SUBSYSTEM_NOT_PRESENT */
    {309, "The specified file already has a notification GUID associated with it."}, /* ERROR_NOTIFICATION_GUID_ALREADY_DEFINED */
    {310, "An invalid exception handler routine has been detected."}, /* ERROR_INVALID_EXCEPTION_HANDLER */
    {311, "Duplicate privileges were specified for the token."}, /* ERROR_DUPLICATE_PRIVILEGES */
    {312, "No ranges for the specified operation were able to be processed."}, /* ERROR_NO_RANGES_PROCESSED */
    {313, "Operation is not allowed on a file system internal file."}, /* ERROR_NOT_ALLOWED_ON_SYSTEM_FILE */
    {314, "The physical resources of this disk have been exhausted."}, /* ERROR_DISK_RESOURCES_EXHAUSTED */
    {315, "The token representing the data is invalid."}, /* ERROR_INVALID_TOKEN */
    {316, "The device does not support the command feature."}, /* ERROR_DEVICE_FEATURE_NOT_SUPPORTED */
    {317, "The system cannot find message text for message number 0x%1 in the message file for %2."}, /* ERROR_MR_MID_NOT_FOUND */
    {318, "The scope specified was not found."}, /* ERROR_SCOPE_NOT_FOUND */
    {319, "The Central Access Policy specified is not defined on the target machine."}, /* ERROR_UNDEFINED_SCOPE */
    {320, "The Central Access Policy obtained from Active Directory is invalid."}, /* ERROR_INVALID_CAP */
    {321, "The device is unreachable."}, /* ERROR_DEVICE_UNREACHABLE */
    {322, "The target device has insufficient resources to complete the operation."}, /* ERROR_DEVICE_NO_RESOURCES */
    {323, "A data integrity checksum error occurred. Data in the file stream is corrupt."}, /* ERROR_DATA_CHECKSUM_ERROR */
    {324, "An attempt was made to modify both a KERNEL and normal Extended Attribute (EA) in the same operation."}, /* ERROR_INTERMIXED_KERNEL_EA_OPERATION */
    {326, "Device does not support file-level TRIM."}, /* ERROR_FILE_LEVEL_TRIM_NOT_SUPPORTED */
    {327, "The command specified a data offset that does not align to the device's granularity/alignment."}, /* ERROR_OFFSET_ALIGNMENT_VIOLATION */
    {328, "The command specified an invalid field in its parameter list."}, /* ERROR_INVALID_FIELD_IN_PARAMETER_LIST */
    {329, "An operation is currently in progress with the device."}, /* ERROR_OPERATION_IN_PROGRESS */
    {330, "An attempt was made to send down the command via an invalid path to the target device."}, /* ERROR_BAD_DEVICE_PATH */
    {331, "The command specified a number of descriptors that exceeded the maximum supported by the device."}, /* ERROR_TOO_MANY_DESCRIPTORS */
    {332, "Scrub is disabled on the specified file."}, /* ERROR_SCRUB_DATA_DISABLED */
    {333, "The storage device does not provide redundancy."}, /* ERROR_NOT_REDUNDANT_STORAGE */
    {334, "An operation is not supported on a resident file."}, /* ERROR_RESIDENT_FILE_NOT_SUPPORTED */
    {335, "An operation is not supported on a compressed file."}, /* ERROR_COMPRESSED_FILE_NOT_SUPPORTED */
    {336, "An operation is not supported on a directory."}, /* ERROR_DIRECTORY_NOT_SUPPORTED */
    {337, "The specified copy of the requested data could not be read."}, /* ERROR_NOT_READ_FROM_COPY */
    {350, "No action was taken as a system reboot is required."}, /* ERROR_FAIL_NOACTION_REBOOT */
    {351, "The shutdown operation failed."}, /* ERROR_FAIL_SHUTDOWN */
    {352, "The restart operation failed."}, /* ERROR_FAIL_RESTART */
    {353, "The maximum number of sessions has been reached."}, /* ERROR_MAX_SESSIONS_REACHED */
    {400, "The thread is already in background processing mode."}, /* ERROR_THREAD_MODE_ALREADY_BACKGROUND */
    {401, "The thread is not in background processing mode."}, /* ERROR_THREAD_MODE_NOT_BACKGROUND */
    {402, "The process is already in background processing mode."}, /* ERROR_PROCESS_MODE_ALREADY_BACKGROUND */
    {403, "The process is not in background processing mode."}, /* ERROR_PROCESS_MODE_NOT_BACKGROUND */
    {487, "Attempt to access invalid address."}, /* ERROR_INVALID_ADDRESS */
    {500, "User profile cannot be loaded."}, /* ERROR_USER_PROFILE_LOAD */
    {534, "Arithmetic result exceeded 32 bits."}, /* ERROR_ARITHMETIC_OVERFLOW */
    {535, "There is a process on other end of the pipe."}, /* ERROR_PIPE_CONNECTED */
    {536, "Waiting for a process to open the other end of the pipe."}, /* ERROR_PIPE_LISTENING */
    {537, "Application verifier has found an error in the current process."}, /* ERROR_VERIFIER_STOP */
    {538, "An error occurred in the ABIOS subsystem."}, /* ERROR_ABIOS_ERROR */
    {539, "A warning occurred in the WX86 subsystem."}, /* ERROR_WX86_WARNING */
    {540, "An error occurred in the WX86 subsystem."}, /* ERROR_WX86_ERROR */
    {541, "An attempt was made to cancel or set a timer that has an associated APC and the subject thread is not the thread that originally set the timer with an associated APC routine."}, /* ERROR_TIMER_NOT_CANCELED */
    {542, "Unwind exception code."}, /* ERROR_UNWIND */
    {543, "An invalid or unaligned stack was encountered during an unwind operation."}, /* ERROR_BAD_STACK */
    {544, "An invalid unwind target was encountered during an unwind operation."}, /* ERROR_INVALID_UNWIND_TARGET */
    {545, "Invalid Object Attributes specified to NtCreatePort or invalid Port Attributes specified to NtConnectPort"}, /* ERROR_INVALID_PORT_ATTRIBUTES */
    {546, "Length of message passed to NtRequestPort or NtRequestWaitReplyPort was longer than the maximum message allowed by the port."}, /* ERROR_PORT_MESSAGE_TOO_LONG */
    {547, "An attempt was made to lower a quota limit below the current usage."}, /* ERROR_INVALID_QUOTA_LOWER */
    {548, "An attempt was made to attach to a device that was already attached to another device."}, /* ERROR_DEVICE_ALREADY_ATTACHED */
    {549, "An attempt was made to execute an instruction at an unaligned address and the host system does not support unaligned instruction references."}, /* ERROR_INSTRUCTION_MISALIGNMENT */
    {550, "Profiling not started."}, /* ERROR_PROFILING_NOT_STARTED */
    {551, "Profiling not stopped."}, /* ERROR_PROFILING_NOT_STOPPED */
    {552, "The passed ACL did not contain the minimum required information."}, /* ERROR_COULD_NOT_INTERPRET */
    {553, "The number of active profiling objects is at the maximum and no more may be started."}, /* ERROR_PROFILING_AT_LIMIT */
    {554, "Used to indicate that an operation cannot continue without blocking for I/O."}, /* ERROR_CANT_WAIT */
    {556, "If an MM error is returned which is not defined in the standard FsRtl filter, it is converted to one of the following errors which is guaranteed to be in the filter. In this case information is lost, however, the filter correctly handles the exception."}, /* ERROR_UNEXPECTED_MM_CREATE_ERR */
    {557, "If an MM error is returned which is not defined in the standard FsRtl filter, it is converted to one of the following errors which is guaranteed to be in the filter. In this case information is lost, however, the filter correctly handles the exception."}, /* ERROR_UNEXPECTED_MM_MAP_ERROR */
    {558, "If an MM error is returned which is not defined in the standard FsRtl filter, it is converted to one of the following errors which is guaranteed to be in the filter. In this case information is lost, however, the filter correctly handles the exception."}, /* ERROR_UNEXPECTED_MM_EXTEND_ERR */
    {559, "A malformed function table was encountered during an unwind operation."}, /* ERROR_BAD_FUNCTION_TABLE */
    {560, "Indicates that an attempt was made to assign protection to a file system file or directory and one of the SIDs in the security descriptor could not be translated into a GUID that could be stored by the file system. This causes the protection attempt to fail, which may cause a file creation attempt to fail."}, /* ERROR_NO_GUID_TRANSLATION */
    {561, "Indicates that an attempt was made to grow an LDT by setting its size, or that the size was not an even number of selectors."}, /* ERROR_INVALID_LDT_SIZE */
    {563, "Indicates that the starting value for the LDT information was not an integral multiple of the selector size."}, /* ERROR_INVALID_LDT_OFFSET */
    {564, "Indicates that the user supplied an invalid descriptor when trying to set up Ldt descriptors."}, /* ERROR_INVALID_LDT_DESCRIPTOR */
    {565, "Indicates a process has too many threads to perform the requested action. For example, assignment of a primary token may only be performed when a process has zero or one threads."}, /* ERROR_TOO_MANY_THREADS */
    {566, "An attempt was made to operate on a thread within a specific process, but the thread specified is not in the process specified."}, /* ERROR_THREAD_NOT_IN_PROCESS */
    {567, "Page file quota was exceeded."}, /* ERROR_PAGEFILE_QUOTA_EXCEEDED */
    {568, "The Netlogon service cannot start because another Netlogon service running in the domain conflicts with the specified role."}, /* ERROR_LOGON_SERVER_CONFLICT */
    {569, "The SAM database on a Windows Server is significantly out of synchronization with the copy on the Domain Controller. A complete synchronization is required."}, /* ERROR_SYNCHRONIZATION_REQUIRED */
    {570, "The NtCreateFile API failed. This error should never be returned to an application, it is a place holder for the Windows Lan Manager Redirector to use in its internal error mapping routines."}, /* ERROR_NET_OPEN_FAILED */
    {571, "{Privilege Failed} The I/O permissions for the process could not be changed."}, /* ERROR_IO_PRIVILEGE_FAILED */
    {572, "{Application Exit by CTRL+C} The application terminated as a result of a CTRL+C."}, /* ERROR_CONTROL_C_EXIT */
    {573, "{Missing System File} The required system file %hs is bad or missing."}, /* ERROR_MISSING_SYSTEMFILE */
    {574, "{Application Error} The exception %s (0x%08lx) occurred in the application at location 0x%08lx."}, /* ERROR_UNHANDLED_EXCEPTION */
    {575, "{Application Error} The application was unable to start correctly (0x%lx). Click OK to close the application."}, /* ERROR_APP_INIT_FAILURE */
    {576, "{Unable to Create Paging File} The creation of the paging file %hs failed (%lx). The requested size was %ld."}, /* ERROR_PAGEFILE_CREATE_FAILED */
    {577, "Windows cannot verify the digital signature for this file. A recent hardware or software change might have installed a file that is signed incorrectly or damaged, or that might be malicious software from an unknown source."}, /* ERROR_INVALID_IMAGE_HASH */
    {578, "{No Paging File Specified} No paging file was specified in the system configuration."}, /* ERROR_NO_PAGEFILE */
    {579, "{EXCEPTION} A real-mode application issued a floating-point instruction and floating-point hardware is not present."}, /* ERROR_ILLEGAL_FLOAT_CONTEXT */
    {580, "An event pair synchronization operation was performed using the thread specific client/server event pair object, but no event pair object was associated with the thread."}, /* ERROR_NO_EVENT_PAIR */
    {581, "A Windows Server has an incorrect configuration."}, /* ERROR_DOMAIN_CTRLR_CONFIG_ERROR */
    {582, "An illegal character was encountered. For a multi-byte character set this includes a lead byte without a succeeding trail byte. For the Unicode character set this includes the characters 0xFFFF and 0xFFFE."}, /* ERROR_ILLEGAL_CHARACTER */
    {583, "The Unicode character is not defined in the Unicode character set installed on the system."}, /* ERROR_UNDEFINED_CHARACTER */
    {584, "The paging file cannot be created on a floppy diskette."}, /* ERROR_FLOPPY_VOLUME */
    {585, "The system BIOS failed to connect a system interrupt to the device or bus for which the device is connected."}, /* ERROR_BIOS_FAILED_TO_CONNECT_INTERRUPT */
    {586, "This operation is only allowed for the Primary Domain Controller of the domain."}, /* ERROR_BACKUP_CONTROLLER */
    {587, "An attempt was made to acquire a mutant such that its maximum count would have been exceeded."}, /* ERROR_MUTANT_LIMIT_EXCEEDED */
    {588, "A volume has been accessed for which a file system driver is required that has not yet been loaded."}, /* ERROR_FS_DRIVER_REQUIRED */
    {589, "{Registry File Failure} The registry cannot load the hive (file): %hs or its log or alternate. It is corrupt, absent, or not writable."}, /* ERROR_CANNOT_LOAD_REGISTRY_FILE */
    {591, "{Fatal System Error} The %hs system process terminated unexpectedly with a status of 0x%08x (0x%08x 0x%08x). The system has been shut down."}, /* ERROR_SYSTEM_PROCESS_TERMINATED */
    {592, "{Data Not Accepted} The TDI client could not handle the data received during an indication."}, /* ERROR_DATA_NOT_ACCEPTED */
    {593, "NTVDM encountered a hard error."}, /* ERROR_VDM_HARD_ERROR */
    {594, "{Cancel Timeout} The driver %hs failed to complete a cancelled I/O request in the allotted time."}, /* ERROR_DRIVER_CANCEL_TIMEOUT */
    {595, "{Reply Message Mismatch} An attempt was made to reply to an LPC message, but the thread specified by the client ID in the message was not waiting on that message."}, /* ERROR_REPLY_MESSAGE_MISMATCH */
    {596, "{Delayed Write Failed} Windows was unable to save all the data for the file %hs. The data has been lost. This error may be caused by a failure of your computer hardware or network connection. Please try to save this file elsewhere."}, /* ERROR_LOST_WRITEBEHIND_DATA */
    {597, "The parameter(s) passed to the server in the client/server shared memory window were invalid. Too much data may have been put in the shared memory window."}, /* ERROR_CLIENT_SERVER_PARAMETERS_INVALID */
    {598, "The stream is not a tiny stream."}, /* ERROR_NOT_TINY_STREAM */
    {599, "The request must be handled by the stack overflow code."}, /* ERROR_STACK_OVERFLOW_READ */
    {600, "Internal OFS status codes indicating how an allocation operation is handled. Either it is retried after the containing onode is moved or the extent stream is converted to a large stream."}, /* ERROR_CONVERT_TO_LARGE */
    {601, "The attempt to find the object found an object matching by ID on the volume but it is out of the scope of the handle used for the operation."}, /* ERROR_FOUND_OUT_OF_SCOPE */
    {602, "The bucket array must be grown. Retry transaction after doing so."}, /* ERROR_ALLOCATE_BUCKET */
    {603, "The user/kernel marshalling buffer has overflowed."}, /* ERROR_MARSHALL_OVERFLOW */
    {604, "The supplied variant structure contains invalid data."}, /* ERROR_INVALID_VARIANT */
    {605, "The specified buffer contains ill-formed data."}, /* ERROR_BAD_COMPRESSION_BUFFER */
    {606, "{Audit Failed} An attempt to generate a security audit failed."}, /* ERROR_AUDIT_FAILED */
    {607, "The timer resolution was not previously set by the current process."}, /* ERROR_TIMER_RESOLUTION_NOT_SET */
    {608, "There is insufficient account information to log you on."}, /* ERROR_INSUFFICIENT_LOGON_INFO */
    {609, "{Invalid DLL Entrypoint} The dynamic link library %hs is not written correctly. The stack pointer has been left in an inconsistent state. The entrypoint should be declared as WINAPI or STDCALL. Select YES to fail the DLL load. Select NO to continue execution. Selecting NO may cause the application to operate incorrectly."}, /* ERROR_BAD_DLL_ENTRYPOINT */
    {610, "{Invalid Service Callback Entrypoint} The %hs service is not written correctly. The stack pointer has been left in an inconsistent state. The callback entrypoint should be declared as WINAPI or STDCALL. Selecting OK will cause the service to continue operation. However, the service process may operate incorrectly."}, /* ERROR_BAD_SERVICE_ENTRYPOINT */
    {611, "There is an IP address conflict with another system on the network."}, /* ERROR_IP_ADDRESS_CONFLICT1 */
    {612, "There is an IP address conflict with another system on the network."}, /* ERROR_IP_ADDRESS_CONFLICT2 */
    {613, "{Low On Registry Space} The system has reached the maximum size allowed for the system part of the registry. Additional storage requests will be ignored."}, /* ERROR_REGISTRY_QUOTA_LIMIT */
    {614, "A callback return system service cannot be executed when no callback is active."}, /* ERROR_NO_CALLBACK_ACTIVE */
    {615, "The password provided is too short to meet the policy of your user account. Please choose a longer password."}, /* ERROR_PWD_TOO_SHORT */
    {616, "The policy of your user account does not allow you to change passwords too frequently. This is done to prevent users from changing back to a familiar, but potentially discovered, password. If you feel your password has been compromised then please contact your administrator immediately to have a new one assigned."}, /* ERROR_PWD_TOO_RECENT */
    {617, "You have attempted to change your password to one that you have used in the past. The policy of your user account does not allow this. Please select a password that you have not previously used."}, /* ERROR_PWD_HISTORY_CONFLICT */
    {618, "The specified compression format is unsupported."}, /* ERROR_UNSUPPORTED_COMPRESSION */
    {619, "The specified hardware profile configuration is invalid."}, /* ERROR_INVALID_HW_PROFILE */
    {620, "The specified Plug and Play registry device path is invalid."}, /* ERROR_INVALID_PLUGPLAY_DEVICE_PATH */
    {621, "The specified quota list is internally inconsistent with its descriptor."}, /* ERROR_QUOTA_LIST_INCONSISTENT */
    {622, "{Windows Evaluation Notification} The evaluation period for this installation of Windows has expired. This system will shutdown in 1 hour. To restore access to this installation of Windows, please upgrade this installation using a licensed distribution of this product."}, /* ERROR_EVALUATION_EXPIRATION */
    {623, "{Illegal System DLL Relocation} The system DLL %hs was relocated in memory. The application will not run properly. The relocation occurred because the DLL %hs occupied an address range reserved for Windows system DLLs. The vendor supplying the DLL should be contacted for a new DLL."}, /* ERROR_ILLEGAL_DLL_RELOCATION */
    {624, "{DLL Initialization Failed} The application failed to initialize because the window station is shutting down."}, /* ERROR_DLL_INIT_FAILED_LOGOFF */
    {625, "The validation process needs to continue on to the next step."}, /* ERROR_VALIDATE_CONTINUE */
    {626, "There are no more matches for the current index enumeration."}, /* ERROR_NO_MORE_MATCHES */
    {627, "The range could not be added to the range list because of a conflict."}, /* ERROR_RANGE_LIST_CONFLICT */
    {628, "The server process is running under a SID different than that required by client."}, /* ERROR_SERVER_SID_MISMATCH */
    {629, "A group marked use for deny only cannot be enabled."}, /* ERROR_CANT_ENABLE_DENY_ONLY */
    {630, "{EXCEPTION} Multiple floating point faults."}, /* ERROR_FLOAT_MULTIPLE_FAULTS */
    {631, "{EXCEPTION} Multiple floating point traps."}, /* ERROR_FLOAT_MULTIPLE_TRAPS */
    {632, "The requested interface is not supported."}, /* ERROR_NOINTERFACE */
    {633, "{System Standby Failed} The driver %hs does not support standby mode. Updating this driver may allow the system to go to standby mode."}, /* ERROR_DRIVER_FAILED_SLEEP */
    {634, "The system file %1 has become corrupt and has been replaced."}, /* ERROR_CORRUPT_SYSTEM_FILE */
    {635, "{Virtual Memory Minimum Too Low} Your system is low on virtual memory. Windows is increasing the size of your virtual memory paging file. During this process, memory requests for some applications may be denied. For more information, see Help."}, /* ERROR_COMMITMENT_MINIMUM */
    {636, "A device was removed so enumeration must be restarted."}, /* ERROR_PNP_RESTART_ENUMERATION */
    {637, "{Fatal System Error} The system image %s is not properly signed. The file has been replaced with the signed file. The system has been shut down."}, /* ERROR_SYSTEM_IMAGE_BAD_SIGNATURE */
    {638, "Device will not start without a reboot."}, /* ERROR_PNP_REBOOT_REQUIRED */
    {639, "There is not enough power to complete the requested operation."}, /* ERROR_INSUFFICIENT_POWER */
    {640, "ERROR_MULTIPLE_FAULT_VIOLATION"}, /* ERROR_MULTIPLE_FAULT_VIOLATION */
    {641, "The system is in the process of shutting down."}, /* ERROR_SYSTEM_SHUTDOWN */
    {642, "An attempt to remove a processes DebugPort was made, but a port was not already associated with the process."}, /* ERROR_PORT_NOT_SET */
    {643, "This version of Windows is not compatible with the behavior version of directory forest, domain or domain controller."}, /* ERROR_DS_VERSION_CHECK_FAILURE */
    {644, "The specified range could not be found in the range list."}, /* ERROR_RANGE_NOT_FOUND */
    {646, "The driver was not loaded because the system is booting into safe mode."}, /* ERROR_NOT_SAFE_MODE_DRIVER */
    {647, "The driver was not loaded because it failed its initialization call."}, /* ERROR_FAILED_DRIVER_ENTRY */
    {648, "The \"%hs\" encountered an error while applying power or reading the device configuration. This may be caused by a failure of your hardware or by a poor connection."}, /* ERROR_DEVICE_ENUMERATION_ERROR */
    {649, "The create operation failed because the name contained at least one mount point which resolves to a volume to which the specified device object is not attached."}, /* ERROR_MOUNT_POINT_NOT_RESOLVED */
    {650, "The device object parameter is either not a valid device object or is not attached to the volume specified by the file name."}, /* ERROR_INVALID_DEVICE_OBJECT_PARAMETER */
    {651, "A Machine Check Error has occurred. Please check the system eventlog for additional information."}, /* ERROR_MCA_OCCURED */
    {653, "System hive size has exceeded its limit."}, /* ERROR_SYSTEM_HIVE_TOO_LARGE */
    {654, "The driver could not be loaded because a previous version of the driver is still in memory."}, /* ERROR_DRIVER_FAILED_PRIOR_UNLOAD */
    {655, "{Volume Shadow Copy Service} Please wait while the Volume Shadow Copy Service prepares volume %hs for hibernation."}, /* ERROR_VOLSNAP_PREPARE_HIBERNATE */
    {656, "The system has failed to hibernate (The error code is %hs). Hibernation will be disabled until the system is restarted."}, /* ERROR_HIBERNATION_FAILURE */
    {657, "The password provided is too long to meet the policy of your user account. Please choose a shorter password."}, /* ERROR_PWD_TOO_LONG */
    {665, "The requested operation could not be completed due to a file system limitation."}, /* ERROR_FILE_SYSTEM_LIMITATION */
    {668, "An assertion failure has occurred."}, /* ERROR_ASSERTION_FAILURE */
    {669, "An error occurred in the ACPI subsystem."}, /* ERROR_ACPI_ERROR */
    {670, "WOW Assertion Error."}, /* ERROR_WOW_ASSERTION */
    {671, "A device is missing in the system BIOS MPS table. This device will not be used. Please contact your system vendor for system BIOS update."}, /* ERROR_PNP_BAD_MPS_TABLE */
    {672, "A translator failed to translate resources."}, /* ERROR_PNP_TRANSLATION_FAILED */
    {673, "A IRQ translator failed to translate resources."}, /* ERROR_PNP_IRQ_TRANSLATION_FAILED */
    {674, "Driver %2 returned invalid ID for a child device (%3)."}, /* ERROR_PNP_INVALID_ID */
    {675, "{Kernel Debugger Awakened} the system debugger was awakened by an interrupt."}, /* ERROR_WAKE_SYSTEM_DEBUGGER */
    {676, "{Handles Closed} Handles to objects have been automatically closed as a result of the requested operation."}, /* ERROR_HANDLES_CLOSED */
    {677, "{Too Much Information} The specified access control list (ACL) contained more information than was expected."}, /* ERROR_EXTRANEOUS_INFORMATION */
    {678, "This warning level status indicates that the transaction state already exists for the registry sub-tree, but that a transaction commit was previously aborted. The commit has NOT been completed, but has not been rolled back either (so it may still be committed if desired)."}, /* ERROR_RXACT_COMMIT_NECESSARY */
    {679, "{Media Changed} The media may have changed."}, /* ERROR_MEDIA_CHECK */
    {680, "{GUID Substitution} During the translation of a global identifier (GUID) to a Windows security ID (SID), no administratively-defined GUID prefix was found. A substitute prefix was used, which will not compromise system security. However, this may provide a more restrictive access than intended."}, /* ERROR_GUID_SUBSTITUTION_MADE */
    {681, "The create operation stopped after reaching a symbolic link."}, /* ERROR_STOPPED_ON_SYMLINK */
    {682, "A long jump has been executed."}, /* ERROR_LONGJUMP */
    {683, "The Plug and Play query operation was not successful."}, /* ERROR_PLUGPLAY_QUERY_VETOED */
    {684, "A frame consolidation has been executed."}, /* ERROR_UNWIND_CONSOLIDATE */
    {685, "{Registry Hive Recovered} Registry hive (file): %hs was corrupted and it has been recovered. Some data might have been lost."}, /* ERROR_REGISTRY_HIVE_RECOVERED */
    {686, "The application is attempting to run executable code from the module %hs. This may be insecure. An alternative, %hs, is available. Should the application use the secure module %hs?"}, /* ERROR_DLL_MIGHT_BE_INSECURE */
    {687, "The application is loading executable code from the module %hs. This is secure, but may be incompatible with previous releases of the operating system. An alternative, %hs, is available. Should the application use the secure module %hs?"}, /* ERROR_DLL_MIGHT_BE_INCOMPATIBLE */
    {688, "Debugger did not handle the exception."}, /* ERROR_DBG_EXCEPTION_NOT_HANDLED */
    {689, "Debugger will reply later."}, /* ERROR_DBG_REPLY_LATER */
    {690, "Debugger cannot provide handle."}, /* ERROR_DBG_UNABLE_TO_PROVIDE_HANDLE */
    {691, "Debugger terminated thread."}, /* ERROR_DBG_TERMINATE_THREAD */
    {692, "Debugger terminated process."}, /* ERROR_DBG_TERMINATE_PROCESS */
    {693, "Debugger got control C."}, /* ERROR_DBG_CONTROL_C */
    {694, "Debugger printed exception on control C."}, /* ERROR_DBG_PRINTEXCEPTION_C */
    {695, "Debugger received RIP exception."}, /* ERROR_DBG_RIPEXCEPTION */
    {696, "Debugger received control break."}, /* ERROR_DBG_CONTROL_BREAK */
    {697, "Debugger command communication exception."}, /* ERROR_DBG_COMMAND_EXCEPTION */
    {698, "{Object Exists} An attempt was made to create an object and the object name already existed."}, /* ERROR_OBJECT_NAME_EXISTS */
    {699, "{Thread Suspended} A thread termination occurred while the thread was suspended. The thread was resumed, and termination proceeded."}, /* ERROR_THREAD_WAS_SUSPENDED */
    {700, "{Image Relocated} An image file could not be mapped at the address specified in the image file. Local fixups must be performed on this image."}, /* ERROR_IMAGE_NOT_AT_BASE */
    {701, "This informational level status indicates that a specified registry sub-tree transaction state did not yet exist and had to be created."}, /* ERROR_RXACT_STATE_CREATED */
    {702, "{Segment Load} A virtual DOS machine (VDM) is loading, unloading, or moving an MS-DOS or Win16 program segment image. An exception is raised so a debugger can load, unload or track symbols and breakpoints within these 16-bit segments."}, /* ERROR_SEGMENT_NOTIFICATION */
    {703, "{Invalid Current Directory} The process cannot switch to the startup current directory %hs. Select OK to set current directory to %hs, or select CANCEL to exit."}, /* ERROR_BAD_CURRENT_DIRECTORY */
    {704, "{Redundant Read} To satisfy a read request, the NT fault-tolerant file system successfully read the requested data from a redundant copy. This was done because the file system encountered a failure on a member of the fault-tolerant volume, but was unable to reassign the failing area of the device."}, /* ERROR_FT_READ_RECOVERY_FROM_BACKUP */
    {705, "{Redundant Write} To satisfy a write request, the NT fault-tolerant file system successfully wrote a redundant copy of the information. This was done because the file system encountered a failure on a member of the fault-tolerant volume, but was not able to reassign the failing area of the device."}, /* ERROR_FT_WRITE_RECOVERY */
    {706, "{Machine Type Mismatch} The image file %hs is valid, but is for a machine type other than the current machine. Select OK to continue, or CANCEL to fail the DLL load."}, /* ERROR_IMAGE_MACHINE_TYPE_MISMATCH */
    {707, "{Partial Data Received} The network transport returned partial data to its client. The remaining data will be sent later."}, /* ERROR_RECEIVE_PARTIAL */
    {708, "{Expedited Data Received} The network transport returned data to its client that was marked as expedited by the remote system."}, /* ERROR_RECEIVE_EXPEDITED */
    {709, "{Partial Expedited Data Received} The network transport returned partial data to its client and this data was marked as expedited by the remote system. The remaining data will be sent later."}, /* ERROR_RECEIVE_PARTIAL_EXPEDITED */
    {710, "{TDI Event Done} The TDI indication has completed successfully."}, /* ERROR_EVENT_DONE */
    {711, "{TDI Event Pending} The TDI indication has entered the pending state."}, /* ERROR_EVENT_PENDING */
    {712, "Checking file system on %wZ."}, /* ERROR_CHECKING_FILE_SYSTEM */
    {713, "{Fatal Application Exit} %hs."}, /* ERROR_FATAL_APP_EXIT */
    {714, "The specified registry key is referenced by a predefined handle."}, /* ERROR_PREDEFINED_HANDLE */
    {715, "{Page Unlocked} The page protection of a locked page was changed to 'No Access' and the page was unlocked from memory and from the process."}, /* ERROR_WAS_UNLOCKED */
    {716, "%hs"}, /* ERROR_SERVICE_NOTIFICATION */
    {717, "{Page Locked} One of the pages to lock was already locked."}, /* ERROR_WAS_LOCKED */
    {718, "Application popup: %1 : %2"}, /* ERROR_LOG_HARD_ERROR */
    {719, "ERROR_ALREADY_WIN32"}, /* ERROR_ALREADY_WIN32 */
    {720, "{Machine Type Mismatch} The image file %hs is valid, but is for a machine type other than the current machine."}, /* ERROR_IMAGE_MACHINE_TYPE_MISMATCH_EXE */
    {721, "A yield execution was performed and no thread was available to run."}, /* ERROR_NO_YIELD_PERFORMED */
    {722, "The resumable flag to a timer API was ignored."}, /* ERROR_TIMER_RESUME_IGNORED */
    {723, "The arbiter has deferred arbitration of these resources to its parent."}, /* ERROR_ARBITRATION_UNHANDLED */
    {724, "The inserted CardBus device cannot be started because of a configuration error on \"%hs\"."}, /* ERROR_CARDBUS_NOT_SUPPORTED */
    {725, "The CPUs in this multiprocessor system are not all the same revision level. To use all processors the operating system restricts itself to the features of the least capable processor in the system. Should problems occur with this system, contact the CPU manufacturer to see if this mix of processors is supported."}, /* ERROR_MP_PROCESSOR_MISMATCH */
    {726, "The system was put into hibernation."}, /* ERROR_HIBERNATED */
    {727, "The system was resumed from hibernation."}, /* ERROR_RESUME_HIBERNATION */
    {729, "A device driver is leaking locked I/O pages causing system degradation. The system has automatically enabled tracking code in order to try and catch the culprit."}, /* ERROR_DRIVERS_LEAKING_LOCKED_PAGES */
    {730, "The system has awoken."}, /* ERROR_WAKE_SYSTEM */
    {731, "ERROR_WAIT_1"}, /* ERROR_WAIT_1 */
    {732, "ERROR_WAIT_2"}, /* ERROR_WAIT_2 */
    {733, "ERROR_WAIT_3"}, /* ERROR_WAIT_3 */
    {734, "ERROR_WAIT_63"}, /* ERROR_WAIT_63 */
    {735, "ERROR_ABANDONED_WAIT_0"}, /* ERROR_ABANDONED_WAIT_0 */
    {736, "ERROR_ABANDONED_WAIT_63"}, /* ERROR_ABANDONED_WAIT_63 */
    {737, "ERROR_USER_APC"}, /* ERROR_USER_APC */
    {738, "ERROR_KERNEL_APC"}, /* ERROR_KERNEL_APC */
    {739, "ERROR_ALERTED"}, /* ERROR_ALERTED */
    {740, "The requested operation requires elevation."}, /* ERROR_ELEVATION_REQUIRED */
    {741, "A reparse should be performed by the Object Manager since the name of the file resulted in a symbolic link."}, /* ERROR_REPARSE */
    {742, "An open/create operation completed while an oplock break is underway."}, /* ERROR_OPLOCK_BREAK_IN_PROGRESS */
    {743, "A new volume has been mounted by a file system."}, /* ERROR_VOLUME_MOUNTED */
    {744, "This success level status indicates that the transaction state already exists for the registry sub-tree, but that a transaction commit was previously aborted. The commit has now been completed."}, /* ERROR_RXACT_COMMITTED */
    {745, "This indicates that a notify change request has been completed due to closing the handle which made the notify change request."}, /* ERROR_NOTIFY_CLEANUP */
    {746, "{Connect Failure on Primary Transport} An attempt was made to connect to the remote server %hs on the primary transport, but the connection failed. The computer WAS able to connect on a secondary transport."}, /* ERROR_PRIMARY_TRANSPORT_CONNECT_FAILED */
    {747, "Page fault was a transition fault."}, /* ERROR_PAGE_FAULT_TRANSITION */
    {748, "Page fault was a demand zero fault."}, /* ERROR_PAGE_FAULT_DEMAND_ZERO */
    {749, "Page fault was a demand zero fault."}, /* ERROR_PAGE_FAULT_COPY_ON_WRITE */
    {750, "Page fault was a demand zero fault."}, /* ERROR_PAGE_FAULT_GUARD_PAGE */
    {751, "Page fault was satisfied by reading from a secondary storage device."}, /* ERROR_PAGE_FAULT_PAGING_FILE */
    {752, "Cached page was locked during operation."}, /* ERROR_CACHE_PAGE_LOCKED */
    {753, "Crash dump exists in paging file."}, /* ERROR_CRASH_DUMP */
    {754, "Specified buffer contains all zeros."}, /* ERROR_BUFFER_ALL_ZEROS */
    {755, "A reparse should be performed by the Object Manager since the name of the file resulted in a symbolic link."}, /* ERROR_REPARSE_OBJECT */
    {756, "The device has succeeded a query-stop and its resource requirements have changed."}, /* ERROR_RESOURCE_REQUIREMENTS_CHANGED */
    {757, "The translator has translated these resources into the global space and no further translations should be performed."}, /* ERROR_TRANSLATION_COMPLETE */
    {758, "A process being terminated has no threads to terminate."}, /* ERROR_NOTHING_TO_TERMINATE */
    {759, "The specified process is not part of a job."}, /* ERROR_PROCESS_NOT_IN_JOB */
    {760, "The specified process is part of a job."}, /* ERROR_PROCESS_IN_JOB */
    {761, "{Volume Shadow Copy Service} The system is now ready for hibernation."}, /* ERROR_VOLSNAP_HIBERNATE_READY */
    {762, "A file system or file system filter driver has successfully completed an FsFilter operation."}, /* ERROR_FSFILTER_OP_COMPLETED_SUCCESSFULLY */
    {763, "The specified interrupt vector was already connected."}, /* ERROR_INTERRUPT_VECTOR_ALREADY_CONNECTED */
    {764, "The specified interrupt vector is still connected."}, /* ERROR_INTERRUPT_STILL_CONNECTED */
    {765, "An operation is blocked waiting for an oplock."}, /* ERROR_WAIT_FOR_OPLOCK */
    {766, "Debugger handled exception."}, /* ERROR_DBG_EXCEPTION_HANDLED */
    {767, "Debugger continued."}, /* ERROR_DBG_CONTINUE */
    {768, "An exception occurred in a user mode callback and the kernel callback frame should be removed."}, /* ERROR_CALLBACK_POP_STACK */
    {769, "Compression is disabled for this volume."}, /* ERROR_COMPRESSION_DISABLED */
    {770, "The data provider cannot fetch backwards through a result set."}, /* ERROR_CANTFETCHBACKWARDS */
    {771, "The data provider cannot scroll backwards through a result set."}, /* ERROR_CANTSCROLLBACKWARDS */
    {772, "The data provider requires that previously fetched data is released before asking for more data."}, /* ERROR_ROWSNOTRELEASED */
    {773, "The data provider was not able to interpret the flags set for a column binding in an accessor."}, /* ERROR_BAD_ACCESSOR_FLAGS */
    {774, "One or more errors occurred while processing the request."}, /* ERROR_ERRORS_ENCOUNTERED */
    {775, "The implementation is not capable of performing the request."}, /* ERROR_NOT_CAPABLE */
    {776, "The client of a component requested an operation which is not valid given the state of the component instance."}, /* ERROR_REQUEST_OUT_OF_SEQUENCE */
    {777, "A version number could not be parsed."}, /* ERROR_VERSION_PARSE_ERROR */
    {778, "The iterator's start position is invalid."}, /* ERROR_BADSTARTPOSITION */
    {779, "The hardware has reported an uncorrectable memory error."}, /* ERROR_MEMORY_HARDWARE */
    {780, "The attempted operation required self healing to be enabled."}, /* ERROR_DISK_REPAIR_DISABLED */
    {781, "The Desktop heap encountered an error while allocating session memory. There is more information in the system event log."}, /* ERROR_INSUFFICIENT_RESOURCE_FOR_SPECIFIED_SHARED_SECTION_SIZE */
    {782, "The system power state is transitioning from %2 to %3."}, /* ERROR_SYSTEM_POWERSTATE_TRANSITION */
    {783, "The system power state is transitioning from %2 to %3 but could enter %4."}, /* ERROR_SYSTEM_POWERSTATE_COMPLEX_TRANSITION */
    {784, "A thread is getting dispatched with MCA EXCEPTION because of MCA."}, /* ERROR_MCA_EXCEPTION */
    {785, "Access to %1 is monitored by policy rule %2."}, /* ERROR_ACCESS_AUDIT_BY_POLICY */
    {786, "Access to %1 has been restricted by your Administrator by policy rule %2."}, /* ERROR_ACCESS_DISABLED_NO_SAFER_UI_BY_POLICY */
    {787, "A valid hibernation file has been invalidated and should be abandoned."}, /* ERROR_ABANDON_HIBERFILE */
    {788, "{Delayed Write Failed} Windows was unable to save all the data for the file %hs; the data has been lost. This error may be caused by network connectivity issues. Please try to save this file elsewhere."}, /* ERROR_LOST_WRITEBEHIND_DATA_NETWORK_DISCONNECTED */
    {789, "{Delayed Write Failed} Windows was unable to save all the data for the file %hs; the data has been lost. This error was returned by the server on which the file exists. Please try to save this file elsewhere."}, /* ERROR_LOST_WRITEBEHIND_DATA_NETWORK_SERVER_ERROR */
    {790, "{Delayed Write Failed} Windows was unable to save all the data for the file %hs; the data has been lost. This error may be caused if the device has been removed or the media is write-protected."}, /* ERROR_LOST_WRITEBEHIND_DATA_LOCAL_DISK_ERROR */
    {791, "The resources required for this device conflict with the MCFG table."}, /* ERROR_BAD_MCFG_TABLE */
    {792, "The volume repair could not be performed while it is online. Please schedule to take the volume offline so that it can be repaired."}, /* ERROR_DISK_REPAIR_REDIRECTED */
    {793, "The volume repair was not successful."}, /* ERROR_DISK_REPAIR_UNSUCCESSFUL */
    {794, "One of the volume corruption logs is full. Further corruptions that may be detected won't be logged."}, /* ERROR_CORRUPT_LOG_OVERFULL */
    {795, "One of the volume corruption logs is internally corrupted and needs to be recreated. The volume may contain undetected corruptions and must be scanned."}, /* ERROR_CORRUPT_LOG_CORRUPTED */
    {796, "One of the volume corruption logs is unavailable for being operated on."}, /* ERROR_CORRUPT_LOG_UNAVAILABLE */
    {797, "One of the volume corruption logs was deleted while still having corruption records in them. The volume contains detected corruptions and must be scanned."}, /* ERROR_CORRUPT_LOG_DELETED_FULL */
    {798, "One of the volume corruption logs was cleared by chkdsk and no longer contains real corruptions."}, /* ERROR_CORRUPT_LOG_CLEARED */
    {799, "Orphaned files exist on the volume but could not be recovered because no more new names could be created in the recovery directory. Files must be moved from the recovery directory."}, /* ERROR_ORPHAN_NAME_EXHAUSTED */
    {800, "The oplock that was associated with this handle is now associated with a different handle."}, /* ERROR_OPLOCK_SWITCHED_TO_NEW_HANDLE */
    {801, "An oplock of the requested level cannot be granted. An oplock of a lower level may be available."}, /* ERROR_CANNOT_GRANT_REQUESTED_OPLOCK */
    {802, "The operation did not complete successfully because it would cause an oplock to be broken. The caller has requested that existing oplocks not be broken."}, /* ERROR_CANNOT_BREAK_OPLOCK */
    {803, "The handle with which this oplock was associated has been closed. The oplock is now broken."}, /* ERROR_OPLOCK_HANDLE_CLOSED */
    {804, "The specified access control entry (ACE) does not contain a condition."}, /* ERROR_NO_ACE_CONDITION */
    {805, "The specified access control entry (ACE) contains an invalid condition."}, /* ERROR_INVALID_ACE_CONDITION */
    {806, "Access to the specified file handle has been revoked."}, /* ERROR_FILE_HANDLE_REVOKED */
    {807, "An image file was mapped at a different address from the one specified in the image file but fixups will still be automatically performed on the image."}, /* ERROR_IMAGE_AT_DIFFERENT_BASE */
    {994, "Access to the extended attribute was denied."}, /* ERROR_EA_ACCESS_DENIED */
    {995, "The I/O operation has been aborted because of either a thread exit or an application request."}, /* ERROR_OPERATION_ABORTED */
    {996, "Overlapped I/O event is not in a signaled state."}, /* ERROR_IO_INCOMPLETE */
    {997, "Overlapped I/O operation is in progress."}, /* ERROR_IO_PENDING */
    {998, "Invalid access to memory location."}, /* ERROR_NOACCESS */
    {999, "Error performing inpage operation."}, /* ERROR_SWAPERROR */
};
// clang-format on
const unsigned errtext_system_low_count =
    sizeof(errtext_system_low) / sizeof(errtext_system_low[0]);
