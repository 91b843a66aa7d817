/*
 * The system message table, Win32 error codes 1000 to 2999: the English text that
 * FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM) gives for each, as Microsoft publishes it
 * (learn.microsoft.com, "System Error Codes"), without the line break that ends every
 * message (formatmessage.c adds it).  Sorted by code; errtext.c searches it.
 */
#include "win32/errtext.h"

/* One message a line (the table reads best so): clang-format leaves it alone. */
// clang-format off
const struct errtext_entry errtext_system_high[] = {
    {1001, "Recursion too deep; the stack overflowed."}, /* ERROR_STACK_OVERFLOW */
    {1002, "The window cannot act on the sent message."}, /* ERROR_INVALID_MESSAGE */
    {1003, "Cannot complete this function."}, /* ERROR_CAN_NOT_COMPLETE */
    {1004, "Invalid flags."}, /* ERROR_INVALID_FLAGS */
    {1005, "The volume does not contain a recognized file system. Please make sure that all required file system drivers are loaded and that the volume is not corrupted."}, /* ERROR_UNRECOGNIZED_VOLUME */
    {1006, "The volume for a file has been externally altered so that the opened file is no longer valid."}, /* ERROR_FILE_INVALID */
    {1007, "The requested operation cannot be performed in full-screen mode."}, /* ERROR_FULLSCREEN_MODE */
    {1008, "An attempt was made to reference a token that does not exist."}, /* ERROR_NO_TOKEN */
    {1009, "The configuration registry database is corrupt."}, /* ERROR_BADDB */
    {1010, "The configuration registry key is invalid."}, /* ERROR_BADKEY */
    {1011, "The configuration registry key could not be opened."}, /* ERROR_CANTOPEN */
    {1012, "The configuration registry key could not be read."}, /* ERROR_CANTREAD */
    {1013, "The configuration registry key could not be written."}, /* ERROR_CANTWRITE */
    {1014, "One of the files in the registry database had to be recovered by use of a log or alternate copy. The recovery was successful."}, /* ERROR_REGISTRY_RECOVERED */
    {1015, "The registry is corrupted. The structure of one of the files containing registry data is corrupted, or the system's memory image of the file is corrupted, or the file could not be recovered because the alternate copy or log was absent or corrupted."}, /* ERROR_REGISTRY_CORRUPT */
    {1016, "An I/O operation initiated by the registry failed unrecoverably. The registry could not read in, or write out, or flush, one of the files that contain the system's image of the registry."}, /* ERROR_REGISTRY_IO_FAILED */
    {1017, "The system has attempted to load or restore a file into the registry, but the specified file is not in a registry file format."}, /* ERROR_NOT_REGISTRY_FILE */
    {1018, "Illegal operation attempted on a registry key that has been marked for deletion."}, /* ERROR_KEY_DELETED */
    {1019, "System could not allocate the required space in a registry log."}, /* ERROR_NO_LOG_SPACE */
    {1020, "Cannot create a symbolic link in a registry key that already has subkeys or values."}, /* ERROR_KEY_HAS_CHILDREN */
    {1021, "Cannot create a stable subkey under a volatile parent key."}, /* ERROR_CHILD_MUST_BE_VOLATILE */
    {1022, "A notify change request is being completed and the information is not being returned in the caller's buffer. The caller now needs to enumerate the files to find the changes."}, /* ERROR_NOTIFY_ENUM_DIR */
    {1051, "A stop control has been sent to a service that other running services are dependent on."}, /* ERROR_DEPENDENT_SERVICES_RUNNING */
    {1052, "The requested control is not valid for this service."}, /* ERROR_INVALID_SERVICE_CONTROL */
    {1053, "The service did not respond to the start or control request in a timely fashion."}, /* ERROR_SERVICE_REQUEST_TIMEOUT */
    {1054, "A thread could not be created for the service."}, /* ERROR_SERVICE_NO_THREAD */
    {1055, "The service database is locked."}, /* ERROR_SERVICE_DATABASE_LOCKED */
    {1056, "An instance of the service is already running."}, /* ERROR_SERVICE_ALREADY_RUNNING */
    {1057, "The account name is invalid or does not exist, or the password is invalid for the account name specified."}, /* ERROR_INVALID_SERVICE_ACCOUNT */
    {1058, "The service cannot be started, either because it is disabled or because it has no enabled devices associated with it."}, /* ERROR_SERVICE_DISABLED */
    {1059, "Circular service dependency was specified."}, /* ERROR_CIRCULAR_DEPENDENCY */
    {1060, "The specified service does not exist as an installed service."}, /* ERROR_SERVICE_DOES_NOT_EXIST */
    {1061, "The service cannot accept control messages at this time."}, /* ERROR_SERVICE_CANNOT_ACCEPT_CTRL */
    {1062, "The service has not been started."}, /* ERROR_SERVICE_NOT_ACTIVE */
    {1063, "The service process could not connect to the service controller."}, /* ERROR_FAILED_SERVICE_CONTROLLER_CONNECT */
    {1064, "An exception occurred in the service when handling the control request."}, /* ERROR_EXCEPTION_IN_SERVICE */
    {1065, "The database specified does not exist."}, /* ERROR_DATABASE_DOES_NOT_EXIST */
    {1066, "The service has returned a service-specific error code."}, /* ERROR_SERVICE_SPECIFIC_ERROR */
    {1067, "The process terminated unexpectedly."}, /* ERROR_PROCESS_ABORTED */
    {1068, "The dependency service or group failed to start."}, /* ERROR_SERVICE_DEPENDENCY_FAIL */
    {1069, "The service did not start due to a logon failure."}, /* ERROR_SERVICE_LOGON_FAILED */
    {1070, "After starting, the service hung in a start-pending state."}, /* ERROR_SERVICE_START_HANG */
    {1071, "The specified service database lock is invalid."}, /* ERROR_INVALID_SERVICE_LOCK */
    {1072, "The specified service has been marked for deletion."}, /* ERROR_SERVICE_MARKED_FOR_DELETE */
    {1073, "The specified service already exists."}, /* ERROR_SERVICE_EXISTS */
    {1074, "The system is currently running with the last-known-good configuration."}, /* ERROR_ALREADY_RUNNING_LKG */
    {1075, "The dependency service does not exist or has been marked for deletion."}, /* ERROR_SERVICE_DEPENDENCY_DELETED */
    {1076, "The current boot has already been accepted for use as the last-known-good control set."}, /* ERROR_BOOT_ALREADY_ACCEPTED */
    {1077, "No attempts to start the service have been made since the last boot."}, /* ERROR_SERVICE_NEVER_STARTED */
    {1078, "The name is already in use as either a service name or a service display name."}, /* ERROR_DUPLICATE_SERVICE_NAME */
    {1079, "The account specified for this service is different from the account specified for other services running in the same process."}, /* ERROR_DIFFERENT_SERVICE_ACCOUNT */
    {1080, "Failure actions can only be set for Win32 services, not for drivers."}, /* ERROR_CANNOT_DETECT_DRIVER_FAILURE */
    {1081, "This service runs in the same process as the service control manager. Therefore, the service control manager cannot take action if this service's process terminates unexpectedly."}, /* ERROR_CANNOT_DETECT_PROCESS_ABORT */
    {1082, "No recovery program has been configured for this service."}, /* ERROR_NO_RECOVERY_PROGRAM */
    {1083, "The executable program that this service is configured to run in does not implement the service."}, /* ERROR_SERVICE_NOT_IN_EXE */
    {1084, "This service cannot be started in Safe Mode."}, /* ERROR_NOT_SAFEBOOT_SERVICE */
    {1100, "The physical end of the tape has been reached."}, /* ERROR_END_OF_MEDIA */
    {1101, "A tape access reached a filemark."}, /* ERROR_FILEMARK_DETECTED */
    {1102, "The beginning of the tape or a partition was encountered."}, /* ERROR_BEGINNING_OF_MEDIA */
    {1103, "A tape access reached the end of a set of files."}, /* ERROR_SETMARK_DETECTED */
    {1104, "No more data is on the tape."}, /* ERROR_NO_DATA_DETECTED */
    {1105, "Tape could not be partitioned."}, /* ERROR_PARTITION_FAILURE */
    {1106, "When accessing a new tape of a multivolume partition, the current block size is incorrect."}, /* ERROR_INVALID_BLOCK_LENGTH */
    {1107, "Tape partition information could not be found when loading a tape."}, /* ERROR_DEVICE_NOT_PARTITIONED */
    {1108, "Unable to lock the media eject mechanism."}, /* ERROR_UNABLE_TO_LOCK_MEDIA */
    {1109, "Unable to unload the media."}, /* ERROR_UNABLE_TO_UNLOAD_MEDIA */
    {1110, "The media in the drive may have changed."}, /* ERROR_MEDIA_CHANGED */
    {1111, "The I/O bus was reset."}, /* ERROR_BUS_RESET */
    {1112, "No media in drive."}, /* ERROR_NO_MEDIA_IN_DRIVE */
    {1113, "No mapping for the Unicode character exists in the target multi-byte code page."}, /* ERROR_NO_UNICODE_TRANSLATION */
    {1114, "A dynamic link library (DLL) initialization routine failed."}, /* ERROR_DLL_INIT_FAILED */
    {1115, "A system shutdown is in progress."}, /* ERROR_SHUTDOWN_IN_PROGRESS */
    {1116, "Unable to abort the system shutdown because no shutdown was in progress."}, /* ERROR_NO_SHUTDOWN_IN_PROGRESS */
    {1117, "The request could not be performed because of an I/O device error."}, /* ERROR_IO_DEVICE */
    {1118, "No serial device was successfully initialized. The serial driver will unload."}, /* ERROR_SERIAL_NO_DEVICE */
    {1119, "Unable to open a device that was sharing an interrupt request (IRQ) with other devices. At least one other device that uses that IRQ was already opened."}, /* ERROR_IRQ_BUSY */
    {1120, "A serial I/O operation was completed by another write to the serial port. The IOCTL_SERIAL_XOFF_COUNTER reached zero.)"}, /* ERROR_MORE_WRITES */
    {1121, "A serial I/O operation completed because the timeout period expired. The IOCTL_SERIAL_XOFF_COUNTER did not reach zero.)"}, /* ERROR_COUNTER_TIMEOUT */
    {1122, "No ID address mark was found on the floppy disk."}, /* ERROR_FLOPPY_ID_MARK_NOT_FOUND */
    {1123, "Mismatch between the floppy disk sector ID field and the floppy disk controller track address."}, /* ERROR_FLOPPY_WRONG_CYLINDER */
    {1124, "The floppy disk controller reported an error that is not recognized by the floppy disk driver."}, /* ERROR_FLOPPY_UNKNOWN_ERROR */
    {1125, "The floppy disk controller returned inconsistent results in its registers."}, /* ERROR_FLOPPY_BAD_REGISTERS */
    {1126, "While accessing the hard disk, a recalibrate operation failed, even after retries."}, /* ERROR_DISK_RECALIBRATE_FAILED */
    {1127, "While accessing the hard disk, a disk operation failed even after retries."}, /* ERROR_DISK_OPERATION_FAILED */
    {1128, "While accessing the hard disk, a disk controller reset was needed, but even that failed."}, /* ERROR_DISK_RESET_FAILED */
    {1129, "Physical end of tape encountered."}, /* ERROR_EOM_OVERFLOW */
    {1130, "Not enough server storage is available to process this command."}, /* ERROR_NOT_ENOUGH_SERVER_MEMORY */
    {1131, "A potential deadlock condition has been detected."}, /* ERROR_POSSIBLE_DEADLOCK */
    {1132, "The base address or the file offset specified does not have the proper alignment."}, /* ERROR_MAPPED_ALIGNMENT */
    {1140, "An attempt to change the system power state was vetoed by another application or driver."}, /* ERROR_SET_POWER_STATE_VETOED */
    {1141, "The system BIOS failed an attempt to change the system power state."}, /* ERROR_SET_POWER_STATE_FAILED */
    {1142, "An attempt was made to create more links on a file than the file system supports."}, /* ERROR_TOO_MANY_LINKS */
    {1150, "The specified program requires a newer version of Windows."}, /* ERROR_OLD_WIN_VERSION */
    {1151, "The specified program is not a Windows or MS-DOS program."}, /* ERROR_APP_WRONG_OS */
    {1152, "Cannot start more than one instance of the specified program."}, /* ERROR_SINGLE_INSTANCE_APP */
    {1153, "The specified program was written for an earlier version of Windows."}, /* ERROR_RMODE_APP */
    {1154, "One of the library files needed to run this application is damaged."}, /* ERROR_INVALID_DLL */
    {1155, "No application is associated with the specified file for this operation."}, /* ERROR_NO_ASSOCIATION */
    {1156, "An error occurred in sending the command to the application."}, /* ERROR_DDE_FAIL */
    {1157, "One of the library files needed to run this application cannot be found."}, /* ERROR_DLL_NOT_FOUND */
    {1158, "The current process has used all of its system allowance of handles for Window Manager objects."}, /* ERROR_NO_MORE_USER_HANDLES */
    {1159, "The message can be used only with synchronous operations."}, /* ERROR_MESSAGE_SYNC_ONLY */
    {1160, "The indicated source element has no media."}, /* ERROR_SOURCE_ELEMENT_EMPTY */
    {1161, "The indicated destination element already contains media."}, /* ERROR_DESTINATION_ELEMENT_FULL */
    {1162, "The indicated element does not exist."}, /* ERROR_ILLEGAL_ELEMENT_ADDRESS */
    {1163, "The indicated element is part of a magazine that is not present."}, /* ERROR_MAGAZINE_NOT_PRESENT */
    {1164, "The indicated device requires reinitialization due to hardware errors."}, /* ERROR_DEVICE_REINITIALIZATION_NEEDED */
    {1165, "The device has indicated that cleaning is required before further operations are attempted."}, /* ERROR_DEVICE_REQUIRES_CLEANING */
    {1166, "The device has indicated that its door is open."}, /* ERROR_DEVICE_DOOR_OPEN */
    {1167, "The device is not connected."}, /* ERROR_DEVICE_NOT_CONNECTED */
    {1168, "Element not found."}, /* ERROR_NOT_FOUND */
    {1169, "There was no match for the specified key in the index."}, /* ERROR_NO_MATCH */
    {1170, "The property set specified does not exist on the object."}, /* ERROR_SET_NOT_FOUND */
    {1171, "The point passed to GetMouseMovePoints is not in the buffer."}, /* ERROR_POINT_NOT_FOUND */
    {1172, "The tracking (workstation) service is not running."}, /* ERROR_NO_TRACKING_SERVICE */
    {1173, "The Volume ID could not be found."}, /* ERROR_NO_VOLUME_ID */
    {1175, "Unable to remove the file to be replaced."}, /* ERROR_UNABLE_TO_REMOVE_REPLACED */
    {1176, "Unable to move the replacement file to the file to be replaced. The file to be replaced has retained its original name."}, /* ERROR_UNABLE_TO_MOVE_REPLACEMENT */
    {1177, "Unable to move the replacement file to the file to be replaced. The file to be replaced has been renamed using the backup name."}, /* ERROR_UNABLE_TO_MOVE_REPLACEMENT_2 */
    {1178, "The volume change journal is being deleted."}, /* ERROR_JOURNAL_DELETE_IN_PROGRESS */
    {1179, "The volume change journal is not active."}, /* ERROR_JOURNAL_NOT_ACTIVE */
    {1180, "A file was found, but it may not be the correct file."}, /* ERROR_POTENTIAL_FILE_FOUND */
    {1181, "The journal entry has been deleted from the journal."}, /* ERROR_JOURNAL_ENTRY_DELETED */
    {1190, "A system shutdown has already been scheduled."}, /* ERROR_SHUTDOWN_IS_SCHEDULED */
    {1191, "The system shutdown cannot be initiated because there are other users logged on to the computer."}, /* ERROR_SHUTDOWN_USERS_LOGGED_ON */
    {1200, "The specified device name is invalid."}, /* ERROR_BAD_DEVICE */
    {1201, "The device is not currently connected but it is a remembered connection."}, /* ERROR_CONNECTION_UNAVAIL */
    {1202, "The local device name has a remembered connection to another network resource."}, /* ERROR_DEVICE_ALREADY_REMEMBERED */
    {1203, "The network path was either typed incorrectly, does not exist, or the network provider is not currently available. Please try retyping the path or contact your network administrator."}, /* ERROR_NO_NET_OR_BAD_PATH */
    {1204, "The specified network provider name is invalid."}, /* ERROR_BAD_PROVIDER */
    {1205, "Unable to open the network connection profile."}, /* ERROR_CANNOT_OPEN_PROFILE */
    {1206, "The network connection profile is corrupted."}, /* ERROR_BAD_PROFILE */
    {1207, "Cannot enumerate a noncontainer."}, /* ERROR_NOT_CONTAINER */
    {1208, "An extended error has occurred."}, /* ERROR_EXTENDED_ERROR */
    {1209, "The format of the specified group name is invalid."}, /* ERROR_INVALID_GROUPNAME */
    {1210, "The format of the specified computer name is invalid."}, /* ERROR_INVALID_COMPUTERNAME */
    {1211, "The format of the specified event name is invalid."}, /* ERROR_INVALID_EVENTNAME */
    {1212, "The format of the specified domain name is invalid."}, /* ERROR_INVALID_DOMAINNAME */
    {1213, "The format of the specified service name is invalid."}, /* ERROR_INVALID_SERVICENAME */
    {1214, "The format of the specified network name is invalid."}, /* ERROR_INVALID_NETNAME */
    {1215, "The format of the specified share name is invalid."}, /* ERROR_INVALID_SHARENAME */
    {1216, "The format of the specified password is invalid."}, /* ERROR_INVALID_PASSWORDNAME */
    {1217, "The format of the specified message name is invalid."}, /* ERROR_INVALID_MESSAGENAME */
    {1218, "The format of the specified message destination is invalid."}, /* ERROR_INVALID_MESSAGEDEST */
    {1219, "Multiple connections to a server or shared resource by the same user, using more than one user name, are not allowed. Disconnect all previous connections to the server or shared resource and try again."}, /* ERROR_SESSION_CREDENTIAL_CONFLICT */
    {1220, "An attempt was made to establish a session to a network server, but there are already too many sessions established to that server."}, /* ERROR_REMOTE_SESSION_LIMIT_EXCEEDED */
    {1221, "The workgroup or domain name is already in use by another computer on the network."}, /* ERROR_DUP_DOMAINNAME */
    {1222, "The network is not present or not started."}, /* ERROR_NO_NETWORK */
    {1223, "The operation was canceled by the user."}, /* ERROR_CANCELLED */
    {1224, "The requested operation cannot be performed on a file with a user-mapped section open."}, /* ERROR_USER_MAPPED_FILE */
    {1225, "The remote computer refused the network connection."}, /* ERROR_CONNECTION_REFUSED */
    {1226, "The network connection was gracefully closed."}, /* ERROR_GRACEFUL_DISCONNECT */
    {1227, "The network transport endpoint already has an address associated with it."}, /* ERROR_ADDRESS_ALREADY_ASSOCIATED */
    {1228, "An address has not yet been associated with the network endpoint."}, /* ERROR_ADDRESS_NOT_ASSOCIATED */
    {1229, "An operation was attempted on a nonexistent network connection."}, /* ERROR_CONNECTION_INVALID */
    {1230, "An invalid operation was attempted on an active network connection."}, /* ERROR_CONNECTION_ACTIVE */
    {1231, "The network location cannot be reached. For information about network troubleshooting, see Windows Help."}, /* ERROR_NETWORK_UNREACHABLE */
    {1232, "The network location cannot be reached. For information about network troubleshooting, see Windows Help."}, /* ERROR_HOST_UNREACHABLE */
    {1233, "The network location cannot be reached. For information about network troubleshooting, see Windows Help."}, /* ERROR_PROTOCOL_UNREACHABLE */
    {1234, "No service is operating at the destination network endpoint on the remote system."}, /* ERROR_PORT_UNREACHABLE */
    {1235, "The request was aborted."}, /* ERROR_REQUEST_ABORTED */
    {1236, "The network connection was aborted by the local system."}, /* ERROR_CONNECTION_ABORTED */
    {1237, "The operation could not be completed. A retry should be performed."}, /* ERROR_RETRY */
    {1238, "A connection to the server could not be made because the limit on the number of concurrent connections for this account has been reached."}, /* ERROR_CONNECTION_COUNT_LIMIT */
    {1239, "Attempting to log in during an unauthorized time of day for this account."}, /* ERROR_LOGIN_TIME_RESTRICTION */
    {1240, "The account is not authorized to log in from this station."}, /* ERROR_LOGIN_WKSTA_RESTRICTION */
    {1241, "The network address could not be used for the operation requested."}, /* ERROR_INCORRECT_ADDRESS */
    {1242, "The service is already registered."}, /* ERROR_ALREADY_REGISTERED */
    {1243, "The specified service does not exist."}, /* ERROR_SERVICE_NOT_FOUND */
    {1244, "The operation being requested was not performed because the user has not been authenticated."}, /* ERROR_NOT_AUTHENTICATED */
    {1245, "The operation being requested was not performed because the user has not logged on to the network. The specified service does not exist."}, /* ERROR_NOT_LOGGED_ON */
    {1246, "Continue with work in progress."}, /* ERROR_CONTINUE */
    {1247, "An attempt was made to perform an initialization operation when initialization has already been completed."}, /* ERROR_ALREADY_INITIALIZED */
    {1248, "No more local devices."}, /* ERROR_NO_MORE_DEVICES */
    {1249, "The specified site does not exist."}, /* ERROR_NO_SUCH_SITE */
    {1250, "A domain controller with the specified name already exists."}, /* ERROR_DOMAIN_CONTROLLER_EXISTS */
    {1251, "This operation is supported only when you are connected to the server."}, /* ERROR_ONLY_IF_CONNECTED */
    {1252, "The group policy framework should call the extension even if there are no changes."}, /* ERROR_OVERRIDE_NOCHANGES */
    {1253, "The specified user does not have a valid profile."}, /* ERROR_BAD_USER_PROFILE */
    {1254, "This operation is not supported on a computer running Windows Server 2003 for Small Business Server."}, /* ERROR_NOT_SUPPORTED_ON_SBS */
    {1255, "The server machine is shutting down."}, /* ERROR_SERVER_SHUTDOWN_IN_PROGRESS */
    {1256, "The remote system is not available. For information about network troubleshooting, see Windows Help."}, /* ERROR_HOST_DOWN */
    {1257, "The security identifier provided is not from an account domain."}, /* ERROR_NON_ACCOUNT_SID */
    {1258, "The security identifier provided does not have a domain component."}, /* ERROR_NON_DOMAIN_SID */
    {1259, "AppHelp dialog canceled thus preventing the application from starting."}, /* ERROR_APPHELP_BLOCK */
    {1260, "This program is blocked by group policy. For more information, contact your system administrator."}, /* ERROR_ACCESS_DISABLED_BY_POLICY */
    {1261, "A program attempt to use an invalid register value. Normally caused by an uninitialized register. This error is Itanium specific."}, /* ERROR_REG_NAT_CONSUMPTION */
    {1262, "The share is currently offline or does not exist."}, /* ERROR_CSCSHARE_OFFLINE */
    {1263, "The Kerberos protocol encountered an error while validating the KDC certificate during smartcard logon. There is more information in the system event log."}, /* ERROR_PKINIT_FAILURE */
    {1264, "The Kerberos protocol encountered an error while attempting to utilize the smartcard subsystem."}, /* ERROR_SMARTCARD_SUBSYSTEM_FAILURE */
    {1265, "The system cannot contact a domain controller to service the authentication request. Please try again later."}, /* ERROR_DOWNGRADE_DETECTED */
    {1271, "The machine is locked and cannot be shut down without the force option."}, /* ERROR_MACHINE_LOCKED */
    {1273, "An application-defined callback gave invalid data when called."}, /* ERROR_CALLBACK_SUPPLIED_INVALID_DATA */
    {1274, "The group policy framework should call the extension in the synchronous foreground policy refresh."}, /* ERROR_SYNC_FOREGROUND_REFRESH_REQUIRED */
    {1275, "This driver has been blocked from loading."}, /* ERROR_DRIVER_BLOCKED */
    {1276, "A dynamic link library (DLL) referenced a module that was neither a DLL nor the process's executable image."}, /* ERROR_INVALID_IMPORT_OF_NON_DLL */
    {1277, "Windows cannot open this program since it has been disabled."}, /* ERROR_ACCESS_DISABLED_WEBBLADE */
    {1278, "Windows cannot open this program because the license enforcement system has been tampered with or become corrupted."}, /* ERROR_ACCESS_DISABLED_WEBBLADE_TAMPER */
    {1279, "A transaction recover failed."}, /* ERROR_RECOVERY_FAILURE */
    {1280, "The current thread has already been converted to a fiber."}, /* ERROR_ALREADY_FIBER */
    {1281, "The current thread has already been converted from a fiber."}, /* ERROR_ALREADY_THREAD */
    {1282, "The system detected an overrun of a stack-based buffer in this application. This overrun could potentially allow a malicious user to gain control of this application."}, /* ERROR_STACK_BUFFER_OVERRUN */
    {1283, "Data present in one of the parameters is more than the function can operate on."}, /* ERROR_PARAMETER_QUOTA_EXCEEDED */
    {1284, "An attempt to do an operation on a debug object failed because the object is in the process of being deleted."}, /* ERROR_DEBUGGER_INACTIVE */
    {1285, "An attempt to delay-load a .dll or get a function address in a delay-loaded .dll failed."}, /* ERROR_DELAY_LOAD_FAILED */
    {1286, "%1 is a 16-bit application. You do not have permissions to execute 16-bit applications. Check your permissions with your system administrator."}, /* ERROR_VDM_DISALLOWED */
    {1287, "Insufficient information exists to identify the cause of failure."}, /* ERROR_UNIDENTIFIED_ERROR */
    {1288, "The parameter passed to a C runtime function is incorrect."}, /* ERROR_INVALID_CRUNTIME_PARAMETER */
    {1289, "The operation occurred beyond the valid data length of the file."}, /* ERROR_BEYOND_VDL */
    {1291, "The process hosting the driver for this device has been terminated."}, /* ERROR_DRIVER_PROCESS_TERMINATED */
    {1292, "An operation attempted to exceed an implementation-defined limit."}, /* ERROR_IMPLEMENTATION_LIMIT */
    {1293, "Either the target process, or the target thread's containing process, is a protected process."}, /* ERROR_PROCESS_IS_PROTECTED */
    {1294, "The service notification client is lagging too far behind the current state of services in the machine."}, /* ERROR_SERVICE_NOTIFY_CLIENT_LAGGING */
    {1295, "The requested file operation failed because the storage quota was exceeded. To free up disk space, move files to a different location or delete unnecessary files. For more information, contact your system administrator."}, /* ERROR_DISK_QUOTA_EXCEEDED */
    {1296, "The requested file operation failed because the storage policy blocks that type of file. For more information, contact your system administrator."}, /* ERROR_CONTENT_BLOCKED */
    {1297, "A privilege that the service requires to function properly does not exist in the service account configuration. You may use the Services Microsoft Management Console (MMC) snap-in (services.msc) and the Local Security Settings MMC snap-in (secpol.msc) to view the service configuration and the account configuration."}, /* ERROR_INCOMPATIBLE_SERVICE_PRIVILEGE */
    {1298, "A thread involved in this operation appears to be unresponsive."}, /* ERROR_APP_HANG */
    {1299, "Indicates a particular Security ID may not be assigned as the label of an object."}, /* ERROR_INVALID_LABEL */
    {1300, "Not all privileges or groups referenced are assigned to the caller."}, /* ERROR_NOT_ALL_ASSIGNED */
    {1301, "Some mapping between account names and security IDs was not done."}, /* ERROR_SOME_NOT_MAPPED */
    {1302, "No system quota limits are specifically set for this account."}, /* ERROR_NO_QUOTAS_FOR_ACCOUNT */
    {1303, "No encryption key is available. A well-known encryption key was returned."}, /* ERROR_LOCAL_USER_SESSION_KEY */
    {1305, "The revision level is unknown."}, /* ERROR_UNKNOWN_REVISION */
    {1306, "Indicates two revision levels are incompatible."}, /* ERROR_REVISION_MISMATCH */
    {1307, "This security ID may not be assigned as the owner of this object."}, /* ERROR_INVALID_OWNER */
    {1308, "This security ID may not be assigned as the primary group of an object."}, /* ERROR_INVALID_PRIMARY_GROUP */
    {1309, "An attempt has been made to operate on an impersonation token by a thread that is not currently impersonating a client."}, /* ERROR_NO_IMPERSONATION_TOKEN */
    {1310, "The group may not be disabled."}, /* ERROR_CANT_DISABLE_MANDATORY */
    {1311, "There are currently no logon servers available to service the logon request."}, /* ERROR_NO_LOGON_SERVERS */
    {1312, "A specified logon session does not exist. It may already have been terminated."}, /* ERROR_NO_SUCH_LOGON_SESSION */
    {1313, "A specified privilege does not exist."}, /* ERROR_NO_SUCH_PRIVILEGE */
    {1314, "A required privilege is not held by the client."}, /* ERROR_PRIVILEGE_NOT_HELD */
    {1315, "The name provided is not a properly formed account name."}, /* ERROR_INVALID_ACCOUNT_NAME */
    {1316, "The specified account already exists."}, /* ERROR_USER_EXISTS */
    {1317, "The specified account does not exist."}, /* ERROR_NO_SUCH_USER */
    {1318, "The specified group already exists."}, /* ERROR_GROUP_EXISTS */
    {1319, "The specified group does not exist."}, /* ERROR_NO_SUCH_GROUP */
    {1320, "Either the specified user account is already a member of the specified group, or the specified group cannot be deleted because it contains a member."}, /* ERROR_MEMBER_IN_GROUP */
    {1321, "The specified user account is not a member of the specified group account."}, /* ERROR_MEMBER_NOT_IN_GROUP */
    {1322, "This operation is disallowed as it could result in an administration account being disabled, deleted or unable to log on."}, /* ERROR_LAST_ADMIN */
    {1323, "Unable to update the password. The value provided as the current password is incorrect."}, /* ERROR_WRONG_PASSWORD */
    {1324, "Unable to update the password. The value provided for the new password contains values that are not allowed in passwords."}, /* ERROR_ILL_FORMED_PASSWORD */
    {1325, "Unable to update the password. The value provided for the new password does not meet the length, complexity, or history requirements of the domain."}, /* ERROR_PASSWORD_RESTRICTION */
    {1326, "The user name or password is incorrect."}, /* ERROR_LOGON_FAILURE */
    {1327, "Account restrictions are preventing this user from signing in. For example: blank passwords aren't allowed, sign-in times are limited, or a policy restriction has been enforced."}, /* ERROR_ACCOUNT_RESTRICTION */
    {1328, "Your account has time restrictions that keep you from signing in right now."}, /* ERROR_INVALID_LOGON_HOURS */
    {1329, "This user isn't allowed to sign in to this computer."}, /* ERROR_INVALID_WORKSTATION */
    {1330, "The password for this account has expired."}, /* ERROR_PASSWORD_EXPIRED */
    {1331, "This user can't sign in because this account is currently disabled."}, /* ERROR_ACCOUNT_DISABLED */
    {1332, "No mapping between account names and security IDs was done."}, /* ERROR_NONE_MAPPED */
    {1333, "Too many local user identifiers (LUIDs) were requested at one time."}, /* ERROR_TOO_MANY_LUIDS_REQUESTED */
    {1334, "No more local user identifiers (LUIDs) are available."}, /* ERROR_LUIDS_EXHAUSTED */
    {1335, "The subauthority part of a security ID is invalid for this particular use."}, /* ERROR_INVALID_SUB_AUTHORITY */
    {1336, "The access control list (ACL) structure is invalid."}, /* ERROR_INVALID_ACL */
    {1337, "The security ID structure is invalid."}, /* ERROR_INVALID_SID */
    {1338, "The security descriptor structure is invalid."}, /* ERROR_INVALID_SECURITY_DESCR */
    {1340, "The inherited access control list (ACL) or access control entry (ACE) could not be built."}, /* ERROR_BAD_INHERITANCE_ACL */
    {1341, "The server is currently disabled."}, /* ERROR_SERVER_DISABLED */
    {1342, "The server is currently enabled."}, /* ERROR_SERVER_NOT_DISABLED */
    {1343, "The value provided was an invalid value for an identifier authority."}, /* ERROR_INVALID_ID_AUTHORITY */
    {1344, "No more memory is available for security information updates."}, /* ERROR_ALLOTTED_SPACE_EXCEEDED */
    {1345, "The specified attributes are invalid, or incompatible with the attributes for the group as a whole."}, /* ERROR_INVALID_GROUP_ATTRIBUTES */
    {1346, "Either a required impersonation level was not provided, or the provided impersonation level is invalid."}, /* ERROR_BAD_IMPERSONATION_LEVEL */
    {1347, "Cannot open an anonymous level security token."}, /* ERROR_CANT_OPEN_ANONYMOUS */
    {1348, "The validation information class requested was invalid."}, /* ERROR_BAD_VALIDATION_CLASS */
    {1349, "The type of the token is inappropriate for its attempted use."}, /* ERROR_BAD_TOKEN_TYPE */
    {1350, "Unable to perform a security operation on an object that has no associated security."}, /* ERROR_NO_SECURITY_ON_OBJECT */
    {1351, "Configuration information could not be read from the domain controller, either because the machine is unavailable, or access has been denied."}, /* ERROR_CANT_ACCESS_DOMAIN_INFO */
    {1352, "The security account manager (SAM) or local security authority (LSA) server was in the wrong state to perform the security operation."}, /* ERROR_INVALID_SERVER_STATE */
    {1353, "The domain was in the wrong state to perform the security operation."}, /* ERROR_INVALID_DOMAIN_STATE */
    {1354, "This operation is only allowed for the Primary Domain Controller of the domain."}, /* ERROR_INVALID_DOMAIN_ROLE */
    {1355, "The specified domain either does not exist or could not be contacted."}, /* ERROR_NO_SUCH_DOMAIN */
    {1356, "The specified domain already exists."}, /* ERROR_DOMAIN_EXISTS */
    {1357, "An attempt was made to exceed the limit on the number of domains per server."}, /* ERROR_DOMAIN_LIMIT_EXCEEDED */
    {1358, "Unable to complete the requested operation because of either a catastrophic media failure or a data structure corruption on the disk."}, /* ERROR_INTERNAL_DB_CORRUPTION */
    {1359, "An internal error occurred."}, /* ERROR_INTERNAL_ERROR */
    {1360, "Generic access types were contained in an access mask which should already be mapped to nongeneric types."}, /* ERROR_GENERIC_NOT_MAPPED */
    {1361, "A security descriptor is not in the right format (absolute or self-relative)."}, /* ERROR_BAD_DESCRIPTOR_FORMAT */
    {1362, "The requested action is restricted for use by logon processes only. The calling process has not registered as a logon process."}, /* ERROR_NOT_LOGON_PROCESS */
    {1363, "Cannot start a new logon session with an ID that is already in use."}, /* ERROR_LOGON_SESSION_EXISTS */
    {1364, "A specified authentication package is unknown."}, /* ERROR_NO_SUCH_PACKAGE */
    {1365, "The logon session is not in a state that is consistent with the requested operation."}, /* ERROR_BAD_LOGON_SESSION_STATE */
    {1366, "The logon session ID is already in use."}, /* ERROR_LOGON_SESSION_COLLISION */
    {1367, "A logon request contained an invalid logon type value."}, /* ERROR_INVALID_LOGON_TYPE */
    {1368, "Unable to impersonate using a named pipe until data has been read from that pipe."}, /* ERROR_CANNOT_IMPERSONATE */
    {1369, "The transaction state of a registry subtree is incompatible with the requested operation."}, /* ERROR_RXACT_INVALID_STATE */
    {1370, "An internal security database corruption has been encountered."}, /* ERROR_RXACT_COMMIT_FAILURE */
    {1371, "Cannot perform this operation on built-in accounts."}, /* ERROR_SPECIAL_ACCOUNT */
    {1372, "Cannot perform this operation on this built-in special group."}, /* ERROR_SPECIAL_GROUP */
    {1373, "Cannot perform this operation on this built-in special user."}, /* ERROR_SPECIAL_USER */
    {1374, "The user cannot be removed from a group because the group is currently the user's primary group."}, /* ERROR_MEMBERS_PRIMARY_GROUP */
    {1375, "The token is already in use as a primary token."}, /* ERROR_TOKEN_ALREADY_IN_USE */
    {1376, "The specified local group does not exist."}, /* ERROR_NO_SUCH_ALIAS */
    {1377, "The specified account name is not a member of the group."}, /* ERROR_MEMBER_NOT_IN_ALIAS */
    {1378, "The specified account name is already a member of the group."}, /* ERROR_MEMBER_IN_ALIAS */
    {1379, "The specified local group already exists."}, /* ERROR_ALIAS_EXISTS */
    {1380, "Logon failure: the user has not been granted the requested logon type at this computer."}, /* ERROR_LOGON_NOT_GRANTED */
    {1381, "The maximum number of secrets that may be stored in a single system has been exceeded."}, /* ERROR_TOO_MANY_SECRETS */
    {1382, "The length of a secret exceeds the maximum length allowed."}, /* ERROR_SECRET_TOO_LONG */
    {1383, "The local security authority database contains an internal inconsistency."}, /* ERROR_INTERNAL_DB_ERROR */
    {1384, "During a logon attempt, the user's security context accumulated too many security IDs."}, /* ERROR_TOO_MANY_CONTEXT_IDS */
    {1385, "Logon failure: the user has not been granted the requested logon type at this computer."}, /* ERROR_LOGON_TYPE_NOT_GRANTED */
    {1386, "A cross-encrypted password is necessary to change a user password."}, /* ERROR_NT_CROSS_ENCRYPTION_REQUIRED */
    {1387, "A member could not be added to or removed from the local group because the member does not exist."}, /* ERROR_NO_SUCH_MEMBER */
    {1388, "A new member could not be added to a local group because the member has the wrong account type."}, /* ERROR_INVALID_MEMBER */
    {1389, "Too many security IDs have been specified."}, /* ERROR_TOO_MANY_SIDS */
    {1390, "A cross-encrypted password is necessary to change this user password."}, /* ERROR_LM_CROSS_ENCRYPTION_REQUIRED */
    {1391, "Indicates an ACL contains no inheritable components."}, /* ERROR_NO_INHERITANCE */
    {1392, "The file or directory is corrupted and unreadable."}, /* ERROR_FILE_CORRUPT */
    {1393, "The disk structure is corrupted and unreadable."}, /* ERROR_DISK_CORRUPT */
    {1394, "There is no user session key for the specified logon session."}, /* ERROR_NO_USER_SESSION_KEY */
    {1395, "The service being accessed is licensed for a particular number of connections. No more connections can be made to the service at this time because there are already as many connections as the service can accept."}, /* ERROR_LICENSE_QUOTA_EXCEEDED */
    {1396, "The target account name is incorrect."}, /* ERROR_WRONG_TARGET_NAME */
    {1397, "Mutual Authentication failed. The server's password is out of date at the domain controller."}, /* ERROR_MUTUAL_AUTH_FAILED */
    {1398, "There is a time and/or date difference between the client and server."}, /* ERROR_TIME_SKEW */
    {1399, "This operation cannot be performed on the current domain."}, /* ERROR_CURRENT_DOMAIN_NOT_ALLOWED */
    {1400, "Invalid window handle."}, /* ERROR_INVALID_WINDOW_HANDLE */
    {1401, "Invalid menu handle."}, /* ERROR_INVALID_MENU_HANDLE */
    {1402, "Invalid cursor handle."}, /* ERROR_INVALID_CURSOR_HANDLE */
    {1403, "Invalid accelerator table handle."}, /* ERROR_INVALID_ACCEL_HANDLE */
    {1404, "Invalid hook handle."}, /* ERROR_INVALID_HOOK_HANDLE */
    {1405, "Invalid handle to a multiple-window position structure."}, /* ERROR_INVALID_DWP_HANDLE */
    {1406, "Cannot create a top-level child window."}, /* ERROR_TLW_WITH_WSCHILD */
    {1407, "Cannot find window class."}, /* ERROR_CANNOT_FIND_WND_CLASS */
    {1408, "Invalid window; it belongs to other thread."}, /* ERROR_WINDOW_OF_OTHER_THREAD */
    {1409, "Hot key is already registered."}, /* ERROR_HOTKEY_ALREADY_REGISTERED */
    {1410, "Class already exists."}, /* ERROR_CLASS_ALREADY_EXISTS */
    {1411, "Class does not exist."}, /* ERROR_CLASS_DOES_NOT_EXIST */
    {1412, "Class still has open windows."}, /* ERROR_CLASS_HAS_WINDOWS */
    {1413, "Invalid index."}, /* ERROR_INVALID_INDEX */
    {1414, "Invalid icon handle."}, /* ERROR_INVALID_ICON_HANDLE */
    {1415, "Using private DIALOG window words."}, /* ERROR_PRIVATE_DIALOG_INDEX */
    {1416, "The list box identifier was not found."}, /* ERROR_LISTBOX_ID_NOT_FOUND */
    {1417, "No wildcards were found."}, /* ERROR_NO_WILDCARD_CHARACTERS */
    {1418, "Thread does not have a clipboard open."}, /* ERROR_CLIPBOARD_NOT_OPEN */
    {1419, "Hot key is not registered."}, /* ERROR_HOTKEY_NOT_REGISTERED */
    {1420, "The window is not a valid dialog window."}, /* ERROR_WINDOW_NOT_DIALOG */
    {1421, "Control ID not found."}, /* ERROR_CONTROL_ID_NOT_FOUND */
    {1422, "Invalid message for a combo box because it does not have an edit control."}, /* ERROR_INVALID_COMBOBOX_MESSAGE */
    {1423, "The window is not a combo box."}, /* ERROR_WINDOW_NOT_COMBOBOX */
    {1424, "Height must be less than 256."}, /* ERROR_INVALID_EDIT_HEIGHT */
    {1425, "Invalid device context (DC) handle."}, /* ERROR_DC_NOT_FOUND */
    {1426, "Invalid hook procedure type."}, /* ERROR_INVALID_HOOK_FILTER */
    {1427, "Invalid hook procedure."}, /* ERROR_INVALID_FILTER_PROC */
    {1428, "Cannot set nonlocal hook without a module handle."}, /* ERROR_HOOK_NEEDS_HMOD */
    {1429, "This hook procedure can only be set globally."}, /* ERROR_GLOBAL_ONLY_HOOK */
    {1430, "The journal hook procedure is already installed."}, /* ERROR_JOURNAL_HOOK_SET */
    {1431, "The hook procedure is not installed."}, /* ERROR_HOOK_NOT_INSTALLED */
    {1432, "Invalid message for single-selection list box."}, /* ERROR_INVALID_LB_MESSAGE */
    {1433, "LB_SETCOUNT sent to non-lazy list box."}, /* ERROR_SETCOUNT_ON_BAD_LB */
    {1434, "This list box does not support tab stops."}, /* ERROR_LB_WITHOUT_TABSTOPS */
    {1435, "Cannot destroy object created by another thread."}, /* ERROR_DESTROY_OBJECT_OF_OTHER_THREAD */
    {1436, "Child windows cannot have menus."}, /* ERROR_CHILD_WINDOW_MENU */
    {1437, "The window does not have a system menu."}, /* ERROR_NO_SYSTEM_MENU */
    {1438, "Invalid message box style."}, /* ERROR_INVALID_MSGBOX_STYLE */
    {1439, "Invalid system-wide (SPI_*) parameter."}, /* ERROR_INVALID_SPI_VALUE */
    {1440, "Screen already locked."}, /* ERROR_SCREEN_ALREADY_LOCKED */
    {1441, "All handles to windows in a multiple-window position structure must have the same parent."}, /* ERROR_HWNDS_HAVE_DIFF_PARENT */
    {1442, "The window is not a child window."}, /* ERROR_NOT_CHILD_WINDOW */
    {1443, "Invalid GW_* command."}, /* ERROR_INVALID_GW_COMMAND */
    {1444, "Invalid thread identifier."}, /* ERROR_INVALID_THREAD_ID */
    {1445, "Cannot process a message from a window that is not a multiple document interface (MDI) window."}, /* ERROR_NON_MDICHILD_WINDOW */
    {1446, "Popup menu already active."}, /* ERROR_POPUP_ALREADY_ACTIVE */
    {1447, "The window does not have scroll bars."}, /* ERROR_NO_SCROLLBARS */
    {1448, "Scroll bar range cannot be greater than MAXLONG."}, /* ERROR_INVALID_SCROLLBAR_RANGE */
    {1449, "Cannot show or remove the window in the way specified."}, /* ERROR_INVALID_SHOWWIN_COMMAND */
    {1450, "Insufficient system resources exist to complete the requested service."}, /* ERROR_NO_SYSTEM_RESOURCES */
    {1451, "Insufficient system resources exist to complete the requested service."}, /* ERROR_NONPAGED_SYSTEM_RESOURCES */
    {1452, "Insufficient system resources exist to complete the requested service."}, /* ERROR_PAGED_SYSTEM_RESOURCES */
    {1453, "Insufficient quota to complete the requested service."}, /* ERROR_WORKING_SET_QUOTA */
    {1454, "Insufficient quota to complete the requested service."}, /* ERROR_PAGEFILE_QUOTA */
    {1455, "The paging file is too small for this operation to complete."}, /* ERROR_COMMITMENT_LIMIT */
    {1456, "A menu item was not found."}, /* ERROR_MENU_ITEM_NOT_FOUND */
    {1457, "Invalid keyboard layout handle."}, /* ERROR_INVALID_KEYBOARD_HANDLE */
    {1458, "Hook type not allowed."}, /* ERROR_HOOK_TYPE_NOT_ALLOWED */
    {1459, "This operation requires an interactive window station."}, /* ERROR_REQUIRES_INTERACTIVE_WINDOWSTATION */
    {1460, "This operation returned because the timeout period expired."}, /* ERROR_TIMEOUT */
    {1461, "Invalid monitor handle."}, /* ERROR_INVALID_MONITOR_HANDLE */
    {1462, "Incorrect size argument."}, /* ERROR_INCORRECT_SIZE */
    {1463, "The symbolic link cannot be followed because its type is disabled."}, /* ERROR_SYMLINK_CLASS_DISABLED */
    {1464, "This application does not support the current operation on symbolic links."}, /* ERROR_SYMLINK_NOT_SUPPORTED */
    {1465, "Windows was unable to parse the requested XML data."}, /* ERROR_XML_PARSE_ERROR */
    {1466, "An error was encountered while processing an XML digital signature."}, /* ERROR_XMLDSIG_ERROR */
    {1467, "This application must be restarted."}, /* ERROR_RESTART_APPLICATION */
    {1468, "The caller made the connection request in the wrong routing compartment."}, /* ERROR_WRONG_COMPARTMENT */
    {1469, "There was an AuthIP failure when attempting to connect to the remote host."}, /* ERROR_AUTHIP_FAILURE */
    {1470, "Insufficient NVRAM resources exist to complete the requested service. A reboot might be required."}, /* ERROR_NO_NVRAM_RESOURCES */
    {1471, "Unable to finish the requested operation because the specified process is not a GUI process."}, /* ERROR_NOT_GUI_PROCESS */
    {1500, "The event log file is corrupted."}, /* ERROR_EVENTLOG_FILE_CORRUPT */
    {1501, "No event log file could be opened, so the event logging service did not start."}, /* ERROR_EVENTLOG_CANT_START */
    {1502, "The event log file is full."}, /* ERROR_LOG_FILE_FULL */
    {1503, "The event log file has changed between read operations."}, /* ERROR_EVENTLOG_FILE_CHANGED */
    {1550, "The specified task name is invalid."}, /* ERROR_INVALID_TASK_NAME */
    {1551, "The specified task index is invalid."}, /* ERROR_INVALID_TASK_INDEX */
    {1552, "The specified thread is already joining a task."}, /* ERROR_THREAD_ALREADY_IN_TASK */
    {1601, "The Windows Installer Service could not be accessed. This can occur if the Windows Installer is not correctly installed. Contact your support personnel for assistance."}, /* ERROR_INSTALL_SERVICE_FAILURE */
    {1602, "User cancelled installation."}, /* ERROR_INSTALL_USEREXIT */
    {1603, "Fatal error during installation."}, /* ERROR_INSTALL_FAILURE */
    {1604, "Installation suspended, incomplete."}, /* ERROR_INSTALL_SUSPEND */
    {1605, "This action is only valid for products that are currently installed."}, /* ERROR_UNKNOWN_PRODUCT */
    {1606, "Feature ID not registered."}, /* ERROR_UNKNOWN_FEATURE */
    {1607, "Component ID not registered."}, /* ERROR_UNKNOWN_COMPONENT */
    {1608, "Unknown property."}, /* ERROR_UNKNOWN_PROPERTY */
    {1609, "Handle is in an invalid state."}, /* ERROR_INVALID_HANDLE_STATE */
    {1610, "The configuration data for this product is corrupt. Contact your support personnel."}, /* ERROR_BAD_CONFIGURATION */
    {1611, "Component qualifier not present."}, /* ERROR_INDEX_ABSENT */
    {1612, "The installation source for this product is not available. Verify that the source exists and that you can access it."}, /* ERROR_INSTALL_SOURCE_ABSENT */
    {1613, "This installation package cannot be installed by the Windows Installer service. You must install a Windows service pack that contains a newer version of the Windows Installer service."}, /* ERROR_INSTALL_PACKAGE_VERSION */
    {1614, "Product is uninstalled."}, /* ERROR_PRODUCT_UNINSTALLED */
    {1615, "SQL query syntax invalid or unsupported."}, /* ERROR_BAD_QUERY_SYNTAX */
    {1616, "Record field does not exist."}, /* ERROR_INVALID_FIELD */
    {1617, "The device has been removed."}, /* ERROR_DEVICE_REMOVED */
    {1618, "Another installation is already in progress. Complete that installation before proceeding with this install."}, /* ERROR_INSTALL_ALREADY_RUNNING */
    {1619, "This installation package could not be opened. Verify that the package exists and that you can access it, or contact the application vendor to verify that this is a valid Windows Installer package."}, /* ERROR_INSTALL_PACKAGE_OPEN_FAILED */
    {1620, "This installation package could not be opened. Contact the application vendor to verify that this is a valid Windows Installer package."}, /* ERROR_INSTALL_PACKAGE_INVALID */
    {1621, "There was an error starting the Windows Installer service user interface. Contact your support personnel."}, /* ERROR_INSTALL_UI_FAILURE */
    {1622, "Error opening installation log file. Verify that the specified log file location exists and that you can write to it."}, /* ERROR_INSTALL_LOG_FAILURE */
    {1623, "The language of this installation package is not supported by your system."}, /* ERROR_INSTALL_LANGUAGE_UNSUPPORTED */
    {1624, "Error applying transforms. Verify that the specified transform paths are valid."}, /* ERROR_INSTALL_TRANSFORM_FAILURE */
    {1625, "This installation is forbidden by system policy. Contact your system administrator."}, /* ERROR_INSTALL_PACKAGE_REJECTED */
    {1626, "Function could not be executed."}, /* ERROR_FUNCTION_NOT_CALLED */
    {1627, "Function failed during execution."}, /* ERROR_FUNCTION_FAILED */
    {1628, "Invalid or unknown table specified."}, /* ERROR_INVALID_TABLE */
    {1629, "Data supplied is of wrong type."}, /* ERROR_DATATYPE_MISMATCH */
    {1630, "Data of this type is not supported."}, /* ERROR_UNSUPPORTED_TYPE */
    {1631, "The Windows Installer service failed to start. Contact your support personnel."}, /* ERROR_CREATE_FAILED */
    {1632, "The Temp folder is on a drive that is full or is inaccessible. Free up space on the drive or verify that you have write permission on the Temp folder."}, /* ERROR_INSTALL_TEMP_UNWRITABLE */
    {1633, "This installation package is not supported by this processor type. Contact your product vendor."}, /* ERROR_INSTALL_PLATFORM_UNSUPPORTED */
    {1634, "Component not used on this computer."}, /* ERROR_INSTALL_NOTUSED */
    {1635, "This update package could not be opened. Verify that the update package exists and that you can access it, or contact the application vendor to verify that this is a valid Windows Installer update package."}, /* ERROR_PATCH_PACKAGE_OPEN_FAILED */
    {1636, "This update package could not be opened. Contact the application vendor to verify that this is a valid Windows Installer update package."}, /* ERROR_PATCH_PACKAGE_INVALID */
    {1637, "This update package cannot be processed by the Windows Installer service. You must install a Windows service pack that contains a newer version of the Windows Installer service."}, /* ERROR_PATCH_PACKAGE_UNSUPPORTED */
    {1638, "Another version of this product is already installed. Installation of this version cannot continue. To configure or remove the existing version of this product, use Add/Remove Programs on the Control Panel."}, /* ERROR_PRODUCT_VERSION */
    {1639, "Invalid command line argument. Consult the Windows Installer SDK for detailed command line help."}, /* ERROR_INVALID_COMMAND_LINE */
    {1640, "Only administrators have permission to add, remove, or configure server software during a Terminal services remote session. If you want to install or configure software on the server, contact your network administrator."}, /* ERROR_INSTALL_REMOTE_DISALLOWED */
    {1641, "The requested operation completed successfully. The system will be restarted so the changes can take effect."}, /* ERROR_SUCCESS_REBOOT_INITIATED */
    {1642, "The upgrade cannot be installed by the Windows Installer service because the program to be upgraded may be missing, or the upgrade may update a different version of the program. Verify that the program to be upgraded exists on your computer and that you have the correct upgrade."}, /* ERROR_PATCH_TARGET_NOT_FOUND */
    {1643, "The update package is not permitted by software restriction policy."}, /* ERROR_PATCH_PACKAGE_REJECTED */
    {1644, "One or more customizations are not permitted by software restriction policy."}, /* ERROR_INSTALL_TRANSFORM_REJECTED */
    {1645, "The Windows Installer does not permit installation from a Remote Desktop Connection."}, /* ERROR_INSTALL_REMOTE_PROHIBITED */
    {1646, "Uninstallation of the update package is not supported."}, /* ERROR_PATCH_REMOVAL_UNSUPPORTED */
    {1647, "The update is not applied to this product."}, /* ERROR_UNKNOWN_PATCH */
    {1648, "No valid sequence could be found for the set of updates."}, /* ERROR_PATCH_NO_SEQUENCE */
    {1649, "Update removal was disallowed by policy."}, /* ERROR_PATCH_REMOVAL_DISALLOWED */
    {1650, "The XML update data is invalid."}, /* ERROR_INVALID_PATCH_XML */
    {1651, "Windows Installer does not permit updating of managed advertised products. At least one feature of the product must be installed before applying the update."}, /* ERROR_PATCH_MANAGED_ADVERTISED_PRODUCT */
    {1652, "The Windows Installer service is not accessible in Safe Mode. Please try again when your computer is not in Safe Mode or you can use System Restore to return your machine to a previous good state."}, /* ERROR_INSTALL_SERVICE_SAFEBOOT */
    {1653, "A fail fast exception occurred. Exception handlers will not be invoked and the process will be terminated immediately."}, /* ERROR_FAIL_FAST_EXCEPTION */
    {1654, "The app that you are trying to run is not supported on this version of Windows."}, /* ERROR_INSTALL_REJECTED */
    {1700, "The string binding is invalid."}, /* RPC_S_INVALID_STRING_BINDING */
    {1701, "The binding handle is not the correct type."}, /* RPC_S_WRONG_KIND_OF_BINDING */
    {1702, "The binding handle is invalid."}, /* RPC_S_INVALID_BINDING */
    {1703, "The RPC protocol sequence is not supported."}, /* RPC_S_PROTSEQ_NOT_SUPPORTED */
    {1704, "The RPC protocol sequence is invalid."}, /* RPC_S_INVALID_RPC_PROTSEQ */
    {1705, "The string universal unique identifier (UUID) is invalid."}, /* RPC_S_INVALID_STRING_UUID */
    {1706, "The endpoint format is invalid."}, /* RPC_S_INVALID_ENDPOINT_FORMAT */
    {1707, "The network address is invalid."}, /* RPC_S_INVALID_NET_ADDR */
    {1708, "No endpoint was found."}, /* RPC_S_NO_ENDPOINT_FOUND */
    {1709, "The timeout value is invalid."}, /* RPC_S_INVALID_TIMEOUT */
    {1710, "The object universal unique identifier (UUID) was not found."}, /* RPC_S_OBJECT_NOT_FOUND */
    {1711, "The object universal unique identifier (UUID) has already been registered."}, /* RPC_S_ALREADY_REGISTERED */
    {1712, "The type universal unique identifier (UUID) has already been registered."}, /* RPC_S_TYPE_ALREADY_REGISTERED */
    {1713, "The RPC server is already listening."}, /* RPC_S_ALREADY_LISTENING */
    {1714, "No protocol sequences have been registered."}, /* RPC_S_NO_PROTSEQS_REGISTERED */
    {1715, "The RPC server is not listening."}, /* RPC_S_NOT_LISTENING */
    {1716, "The manager type is unknown."}, /* RPC_S_UNKNOWN_MGR_TYPE */
    {1717, "The interface is unknown."}, /* RPC_S_UNKNOWN_IF */
    {1718, "There are no bindings."}, /* RPC_S_NO_BINDINGS */
    {1719, "There are no protocol sequences."}, /* RPC_S_NO_PROTSEQS */
    {1720, "The endpoint cannot be created."}, /* RPC_S_CANT_CREATE_ENDPOINT */
    {1721, "Not enough resources are available to complete this operation."}, /* RPC_S_OUT_OF_RESOURCES */
    {1722, "The RPC server is unavailable."}, /* RPC_S_SERVER_UNAVAILABLE */
    {1723, "The RPC server is too busy to complete this operation."}, /* RPC_S_SERVER_TOO_BUSY */
    {1724, "The network options are invalid."}, /* RPC_S_INVALID_NETWORK_OPTIONS */
    {1725, "There are no remote procedure calls active on this thread."}, /* RPC_S_NO_CALL_ACTIVE */
    {1726, "The remote procedure call failed."}, /* RPC_S_CALL_FAILED */
    {1727, "The remote procedure call failed and did not execute."}, /* RPC_S_CALL_FAILED_DNE */
    {1728, "A remote procedure call (RPC) protocol error occurred."}, /* RPC_S_PROTOCOL_ERROR */
    {1729, "Access to the HTTP proxy is denied."}, /* RPC_S_PROXY_ACCESS_DENIED */
    {1730, "The transfer syntax is not supported by the RPC server."}, /* RPC_S_UNSUPPORTED_TRANS_SYN */
    {1732, "The universal unique identifier (UUID) type is not supported."}, /* RPC_S_UNSUPPORTED_TYPE */
    {1733, "The tag is invalid."}, /* RPC_S_INVALID_TAG */
    {1734, "The array bounds are invalid."}, /* RPC_S_INVALID_BOUND */
    {1735, "The binding does not contain an entry name."}, /* RPC_S_NO_ENTRY_NAME */
    {1736, "The name syntax is invalid."}, /* RPC_S_INVALID_NAME_SYNTAX */
    {1737, "The name syntax is not supported."}, /* RPC_S_UNSUPPORTED_NAME_SYNTAX */
    {1739, "No network address is available to use to construct a universal unique identifier (UUID)."}, /* RPC_S_UUID_NO_ADDRESS */
    {1740, "The endpoint is a duplicate."}, /* RPC_S_DUPLICATE_ENDPOINT */
    {1741, "The authentication type is unknown."}, /* RPC_S_UNKNOWN_AUTHN_TYPE */
    {1742, "The maximum number of calls is too small."}, /* RPC_S_MAX_CALLS_TOO_SMALL */
    {1743, "The string is too long."}, /* RPC_S_STRING_TOO_LONG */
    {1744, "The RPC protocol sequence was not found."}, /* RPC_S_PROTSEQ_NOT_FOUND */
    {1745, "The procedure number is out of range."}, /* RPC_S_PROCNUM_OUT_OF_RANGE */
    {1746, "The binding does not contain any authentication information."}, /* RPC_S_BINDING_HAS_NO_AUTH */
    {1747, "The authentication service is unknown."}, /* RPC_S_UNKNOWN_AUTHN_SERVICE */
    {1748, "The authentication level is unknown."}, /* RPC_S_UNKNOWN_AUTHN_LEVEL */
    {1749, "The security context is invalid."}, /* RPC_S_INVALID_AUTH_IDENTITY */
    {1750, "The authorization service is unknown."}, /* RPC_S_UNKNOWN_AUTHZ_SERVICE */
    {1751, "The entry is invalid."}, /* EPT_S_INVALID_ENTRY */
    {1752, "The server endpoint cannot perform the operation."}, /* EPT_S_CANT_PERFORM_OP */
    {1753, "There are no more endpoints available from the endpoint mapper."}, /* EPT_S_NOT_REGISTERED */
    {1754, "No interfaces have been exported."}, /* RPC_S_NOTHING_TO_EXPORT */
    {1755, "The entry name is incomplete."}, /* RPC_S_INCOMPLETE_NAME */
    {1756, "The version option is invalid."}, /* RPC_S_INVALID_VERS_OPTION */
    {1757, "There are no more members."}, /* RPC_S_NO_MORE_MEMBERS */
    {1758, "There is nothing to unexport."}, /* RPC_S_NOT_ALL_OBJS_UNEXPORTED */
    {1759, "The interface was not found."}, /* RPC_S_INTERFACE_NOT_FOUND */
    {1760, "The entry already exists."}, /* RPC_S_ENTRY_ALREADY_EXISTS */
    {1761, "The entry is not found."}, /* RPC_S_ENTRY_NOT_FOUND */
    {1762, "The name service is unavailable."}, /* RPC_S_NAME_SERVICE_UNAVAILABLE */
    {1763, "The network address family is invalid."}, /* RPC_S_INVALID_NAF_ID */
    {1764, "The requested operation is not supported."}, /* RPC_S_CANNOT_SUPPORT */
    {1765, "No security context is available to allow impersonation."}, /* RPC_S_NO_CONTEXT_AVAILABLE */
    {1766, "An internal error occurred in a remote procedure call (RPC)."}, /* RPC_S_INTERNAL_ERROR */
    {1767, "The RPC server attempted an integer division by zero."}, /* RPC_S_ZERO_DIVIDE */
    {1768, "An addressing error occurred in the RPC server."}, /* RPC_S_ADDRESS_ERROR */
    {1769, "A floating-point operation at the RPC server caused a division by zero."}, /* RPC_S_FP_DIV_ZERO */
    {1770, "A floating-point underflow occurred at the RPC server."}, /* RPC_S_FP_UNDERFLOW */
    {1771, "A floating-point overflow occurred at the RPC server."}, /* RPC_S_FP_OVERFLOW */
    {1772, "The list of RPC servers available for the binding of auto handles has been exhausted."}, /* RPC_X_NO_MORE_ENTRIES */
    {1773, "Unable to open the character translation table file."}, /* RPC_X_SS_CHAR_TRANS_OPEN_FAIL */
    {1774, "The file containing the character translation table has fewer than 512 bytes."}, /* RPC_X_SS_CHAR_TRANS_SHORT_FILE */
    {1775, "A null context handle was passed from the client to the host during a remote procedure call."}, /* RPC_X_SS_IN_NULL_CONTEXT */
    {1777, "The context handle changed during a remote procedure call."}, /* RPC_X_SS_CONTEXT_DAMAGED */
    {1778, "The binding handles passed to a remote procedure call do not match."}, /* RPC_X_SS_HANDLES_MISMATCH */
    {1779, "The stub is unable to get the remote procedure call handle."}, /* RPC_X_SS_CANNOT_GET_CALL_HANDLE */
    {1780, "A null reference pointer was passed to the stub."}, /* RPC_X_NULL_REF_POINTER */
    {1781, "The enumeration value is out of range."}, /* RPC_X_ENUM_VALUE_OUT_OF_RANGE */
    {1782, "The byte count is too small."}, /* RPC_X_BYTE_COUNT_TOO_SMALL */
    {1783, "The stub received bad data."}, /* RPC_X_BAD_STUB_DATA */
    {1784, "The supplied user buffer is not valid for the requested operation."}, /* ERROR_INVALID_USER_BUFFER */
    {1785, "The disk media is not recognized. It may not be formatted."}, /* ERROR_UNRECOGNIZED_MEDIA */
    {1786, "The workstation does not have a trust secret."}, /* ERROR_NO_TRUST_LSA_SECRET */
    {1787, "The security database on the server does not have a computer account for this workstation trust relationship."}, /* ERROR_NO_TRUST_SAM_ACCOUNT */
    {1788, "The trust relationship between the primary domain and the trusted domain failed."}, /* ERROR_TRUSTED_DOMAIN_FAILURE */
    {1789, "The trust relationship between this workstation and the primary domain failed."}, /* ERROR_TRUSTED_RELATIONSHIP_FAILURE */
    {1790, "The network logon failed."}, /* ERROR_TRUST_FAILURE */
    {1791, "A remote procedure call is already in progress for this thread."}, /* RPC_S_CALL_IN_PROGRESS */
    {1792, "An attempt was made to logon, but the network logon service was not started."}, /* ERROR_NETLOGON_NOT_STARTED */
    {1793, "The user's account has expired."}, /* ERROR_ACCOUNT_EXPIRED */
    {1794, "The redirector is in use and cannot be unloaded."}, /* ERROR_REDIRECTOR_HAS_OPEN_HANDLES */
    {1795, "The specified printer driver is already installed."}, /* ERROR_PRINTER_DRIVER_ALREADY_INSTALLED */
    {1796, "The specified port is unknown."}, /* ERROR_UNKNOWN_PORT */
    {1797, "The printer driver is unknown."}, /* ERROR_UNKNOWN_PRINTER_DRIVER */
    {1798, "The print processor is unknown."}, /* ERROR_UNKNOWN_PRINTPROCESSOR */
    {1799, "The specified separator file is invalid."}, /* ERROR_INVALID_SEPARATOR_FILE */
    {1800, "The specified priority is invalid."}, /* ERROR_INVALID_PRIORITY */
    {1801, "The printer name is invalid."}, /* ERROR_INVALID_PRINTER_NAME */
    {1802, "The printer already exists."}, /* ERROR_PRINTER_ALREADY_EXISTS */
    {1803, "The printer command is invalid."}, /* ERROR_INVALID_PRINTER_COMMAND */
    {1804, "The specified datatype is invalid."}, /* ERROR_INVALID_DATATYPE */
    {1805, "The environment specified is invalid."}, /* ERROR_INVALID_ENVIRONMENT */
    {1806, "There are no more bindings."}, /* RPC_S_NO_MORE_BINDINGS */
    {1807, "The account used is an interdomain trust account. Use your global user account or local user account to access this server."}, /* ERROR_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT */
    {1808, "The account used is a computer account. Use your global user account or local user account to access this server."}, /* ERROR_NOLOGON_WORKSTATION_TRUST_ACCOUNT */
    {1809, "The account used is a server trust account. Use your global user account or local user account to access this server."}, /* ERROR_NOLOGON_SERVER_TRUST_ACCOUNT */
    {1810, "The name or security ID (SID) of the domain specified is inconsistent with the trust information for that domain."}, /* ERROR_DOMAIN_TRUST_INCONSISTENT */
    {1811, "The server is in use and cannot be unloaded."}, /* ERROR_SERVER_HAS_OPEN_HANDLES */
    {1812, "The specified image file did not contain a resource section."}, /* ERROR_RESOURCE_DATA_NOT_FOUND */
    {1813, "The specified resource type cannot be found in the image file."}, /* ERROR_RESOURCE_TYPE_NOT_FOUND */
    {1814, "The specified resource name cannot be found in the image file."}, /* ERROR_RESOURCE_NAME_NOT_FOUND */
    {1815, "The specified resource language ID cannot be found in the image file."}, /* ERROR_RESOURCE_LANG_NOT_FOUND */
    {1816, "Not enough quota is available to process this command."}, /* ERROR_NOT_ENOUGH_QUOTA */
    {1817, "No interfaces have been registered."}, /* RPC_S_NO_INTERFACES */
    {1818, "The remote procedure call was cancelled."}, /* RPC_S_CALL_CANCELLED */
    {1819, "The binding handle does not contain all required information."}, /* RPC_S_BINDING_INCOMPLETE */
    {1820, "A communications failure occurred during a remote procedure call."}, /* RPC_S_COMM_FAILURE */
    {1821, "The requested authentication level is not supported."}, /* RPC_S_UNSUPPORTED_AUTHN_LEVEL */
    {1822, "No principal name registered."}, /* RPC_S_NO_PRINC_NAME */
    {1823, "The error specified is not a valid Windows RPC error code."}, /* RPC_S_NOT_RPC_ERROR */
    {1824, "A UUID that is valid only on this computer has been allocated."}, /* RPC_S_UUID_LOCAL_ONLY */
    {1825, "A security package specific error occurred."}, /* RPC_S_SEC_PKG_ERROR */
    {1826, "Thread is not canceled."}, /* RPC_S_NOT_CANCELLED */
    {1827, "Invalid operation on the encoding/decoding handle."}, /* RPC_X_INVALID_ES_ACTION */
    {1828, "Incompatible version of the serializing package."}, /* RPC_X_WRONG_ES_VERSION */
    {1829, "Incompatible version of the RPC stub."}, /* RPC_X_WRONG_STUB_VERSION */
    {1830, "The RPC pipe object is invalid or corrupted."}, /* RPC_X_INVALID_PIPE_OBJECT */
    {1831, "An invalid operation was attempted on an RPC pipe object."}, /* RPC_X_WRONG_PIPE_ORDER */
    {1832, "Unsupported RPC pipe version."}, /* RPC_X_WRONG_PIPE_VERSION */
    {1833, "HTTP proxy server rejected the connection because the cookie authentication failed."}, /* RPC_S_COOKIE_AUTH_FAILED */
    {1898, "The group member was not found."}, /* RPC_S_GROUP_MEMBER_NOT_FOUND */
    {1899, "The endpoint mapper database entry could not be created."}, /* EPT_S_CANT_CREATE */
    {1900, "The object universal unique identifier (UUID) is the nil UUID."}, /* RPC_S_INVALID_OBJECT */
    {1901, "The specified time is invalid."}, /* ERROR_INVALID_TIME */
    {1902, "The specified form name is invalid."}, /* ERROR_INVALID_FORM_NAME */
    {1903, "The specified form size is invalid."}, /* ERROR_INVALID_FORM_SIZE */
    {1904, "The specified printer handle is already being waited on."}, /* ERROR_ALREADY_WAITING */
    {1905, "The specified printer has been deleted."}, /* ERROR_PRINTER_DELETED */
    {1906, "The state of the printer is invalid."}, /* ERROR_INVALID_PRINTER_STATE */
    {1907, "The user's password must be changed before signing in."}, /* ERROR_PASSWORD_MUST_CHANGE */
    {1908, "Could not find the domain controller for this domain."}, /* ERROR_DOMAIN_CONTROLLER_NOT_FOUND */
    {1909, "The referenced account is currently locked out and may not be logged on to."}, /* ERROR_ACCOUNT_LOCKED_OUT */
    {1910, "The object exporter specified was not found."}, /* OR_INVALID_OXID */
    {1911, "The object specified was not found."}, /* OR_INVALID_OID */
    {1912, "The object resolver set specified was not found."}, /* OR_INVALID_SET */
    {1913, "Some data remains to be sent in the request buffer."}, /* RPC_S_SEND_INCOMPLETE */
    {1914, "Invalid asynchronous remote procedure call handle."}, /* RPC_S_INVALID_ASYNC_HANDLE */
    {1915, "Invalid asynchronous RPC call handle for this operation."}, /* RPC_S_INVALID_ASYNC_CALL */
    {1916, "The RPC pipe object has already been closed."}, /* RPC_X_PIPE_CLOSED */
    {1917, "The RPC call completed before all pipes were processed."}, /* RPC_X_PIPE_DISCIPLINE_ERROR */
    {1918, "No more data is available from the RPC pipe."}, /* RPC_X_PIPE_EMPTY */
    {1919, "No site name is available for this machine."}, /* ERROR_NO_SITENAME */
    {1920, "The file cannot be accessed by the system."}, /* ERROR_CANT_ACCESS_FILE */
    {1921, "The name of the file cannot be resolved by the system."}, /* ERROR_CANT_RESOLVE_FILENAME */
    {1922, "The entry is not of the expected type."}, /* RPC_S_ENTRY_TYPE_MISMATCH */
    {1923, "Not all object UUIDs could be exported to the specified entry."}, /* RPC_S_NOT_ALL_OBJS_EXPORTED */
    {1924, "Interface could not be exported to the specified entry."}, /* RPC_S_INTERFACE_NOT_EXPORTED */
    {1925, "The specified profile entry could not be added."}, /* RPC_S_PROFILE_NOT_ADDED */
    {1926, "The specified profile element could not be added."}, /* RPC_S_PRF_ELT_NOT_ADDED */
    {1927, "The specified profile element could not be removed."}, /* RPC_S_PRF_ELT_NOT_REMOVED */
    {1928, "The group element could not be added."}, /* RPC_S_GRP_ELT_NOT_ADDED */
    {1929, "The group element could not be removed."}, /* RPC_S_GRP_ELT_NOT_REMOVED */
    {1930, "The printer driver is not compatible with a policy enabled on your computer that blocks NT 4.0 drivers."}, /* ERROR_KM_DRIVER_BLOCKED */
    {1931, "The context has expired and can no longer be used."}, /* ERROR_CONTEXT_EXPIRED */
    {1932, "The current user's delegated trust creation quota has been exceeded."}, /* ERROR_PER_USER_TRUST_QUOTA_EXCEEDED */
    {1933, "The total delegated trust creation quota has been exceeded."}, /* ERROR_ALL_USER_TRUST_QUOTA_EXCEEDED */
    {1934, "The current user's delegated trust deletion quota has been exceeded."}, /* ERROR_USER_DELETE_TRUST_QUOTA_EXCEEDED */
    {1935, "The computer you are signing into is protected by an authentication firewall. The specified account is not allowed to authenticate to the computer."}, /* ERROR_AUTHENTICATION_FIREWALL_FAILED */
    {1936, "Remote connections to the Print Spooler are blocked by a policy set on your machine."}, /* ERROR_REMOTE_PRINT_CONNECTIONS_BLOCKED */
    {1937, "Authentication failed because NTLM authentication has been disabled."}, /* ERROR_NTLM_BLOCKED */
    {1938, "Logon Failure: EAS policy requires that the user change their password before this operation can be performed."}, /* ERROR_PASSWORD_CHANGE_REQUIRED */
    {2000, "The pixel format is invalid."}, /* ERROR_INVALID_PIXEL_FORMAT */
    {2001, "The specified driver is invalid."}, /* ERROR_BAD_DRIVER */
    {2002, "The window style or class attribute is invalid for this operation."}, /* ERROR_INVALID_WINDOW_STYLE */
    {2003, "The requested metafile operation is not supported."}, /* ERROR_METAFILE_NOT_SUPPORTED */
    {2004, "The requested transformation operation is not supported."}, /* ERROR_TRANSFORM_NOT_SUPPORTED */
    {2005, "The requested clipping operation is not supported."}, /* ERROR_CLIPPING_NOT_SUPPORTED */
    {2010, "The specified color management module is invalid."}, /* ERROR_INVALID_CMM */
    {2011, "The specified color profile is invalid."}, /* ERROR_INVALID_PROFILE */
    {2012, "The specified tag was not found."}, /* ERROR_TAG_NOT_FOUND */
    {2013, "A required tag is not present."}, /* ERROR_TAG_NOT_PRESENT */
    {2014, "The specified tag is already present."}, /* ERROR_DUPLICATE_TAG */
    {2015, "The specified color profile is not associated with the specified device."}, /* ERROR_PROFILE_NOT_ASSOCIATED_WITH_DEVICE */
    {2016, "The specified color profile was not found."}, /* ERROR_PROFILE_NOT_FOUND */
    {2017, "The specified color space is invalid."}, /* ERROR_INVALID_COLORSPACE */
    {2018, "Image Color Management is not enabled."}, /* ERROR_ICM_NOT_ENABLED */
    {2019, "There was an error while deleting the color transform."}, /* ERROR_DELETING_ICM_XFORM */
    {2020, "The specified color transform is invalid."}, /* ERROR_INVALID_TRANSFORM */
    {2021, "The specified transform does not match the bitmap's color space."}, /* ERROR_COLORSPACE_MISMATCH */
    {2022, "The specified named color index is not present in the profile."}, /* ERROR_INVALID_COLORINDEX */
    {2023, "The specified profile is intended for a device of a different type than the specified device."}, /* ERROR_PROFILE_DOES_NOT_MATCH_DEVICE */
    {2108, "The network connection was made successfully, but the user had to be prompted for a password other than the one originally specified."}, /* ERROR_CONNECTED_OTHER_PASSWORD */
    {2109, "The network connection was made successfully using default credentials."}, /* ERROR_CONNECTED_OTHER_PASSWORD_DEFAULT */
    {2202, "The specified username is invalid."}, /* ERROR_BAD_USERNAME */
    {2250, "This network connection does not exist."}, /* ERROR_NOT_CONNECTED */
    {2401, "This network connection has files open or requests pending."}, /* ERROR_OPEN_FILES */
    {2402, "Active connections still exist."}, /* ERROR_ACTIVE_CONNECTIONS */
    {2404, "The device is in use by an active process and cannot be disconnected."}, /* ERROR_DEVICE_IN_USE */
};
// clang-format on
const unsigned errtext_system_high_count =
    sizeof(errtext_system_high) / sizeof(errtext_system_high[0]);
