/*
 * The system message table, Winsock error codes (10004 to 11033) and the generic
 * COM HRESULTs of facility 0 (E_FAIL, E_NOTIMPL ...): the English text that
 * FormatMessage(FORMAT_MESSAGE_FROM_SYSTEM) gives for each, as Microsoft publishes it
 * (learn.microsoft.com, "System Error Codes (9000-11999)" and "COM Error Codes
 * (Generic)"), without the line break that ends every message.  Sorted by code
 * (the HRESULTs, above 0x80000000, last); errtext.c searches it.
 */
#include "win32/errtext.h"

/* One message a line (the table reads best so): clang-format leaves it alone. */
// clang-format off
const struct errtext_entry errtext_winsock[] = {
    {10004, "A blocking operation was interrupted by a call to WSACancelBlockingCall."}, /* WSAEINTR */
    {10009, "The file handle supplied is not valid."}, /* WSAEBADF */
    {10013, "An attempt was made to access a socket in a way forbidden by its access permissions."}, /* WSAEACCES */
    {10014, "The system detected an invalid pointer address in attempting to use a pointer argument in a call."}, /* WSAEFAULT */
    {10022, "An invalid argument was supplied."}, /* WSAEINVAL */
    {10024, "Too many open sockets."}, /* WSAEMFILE */
    {10035, "A non-blocking socket operation could not be completed immediately."}, /* WSAEWOULDBLOCK */
    {10036, "A blocking operation is currently executing."}, /* WSAEINPROGRESS */
    {10037, "An operation was attempted on a non-blocking socket that already had an operation in progress."}, /* WSAEALREADY */
    {10038, "An operation was attempted on something that is not a socket."}, /* WSAENOTSOCK */
    {10039, "A required address was omitted from an operation on a socket."}, /* WSAEDESTADDRREQ */
    {10040, "A message sent on a datagram socket was larger than the internal message buffer or some other network limit, or the buffer used to receive a datagram into was smaller than the datagram itself."}, /* WSAEMSGSIZE */
    {10041, "A protocol was specified in the socket function call that does not support the semantics of the socket type requested."}, /* WSAEPROTOTYPE */
    {10042, "An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call."}, /* WSAENOPROTOOPT */
    {10043, "The requested protocol has not been configured into the system, or no implementation for it exists."}, /* WSAEPROTONOSUPPORT */
    {10044, "The support for the specified socket type does not exist in this address family."}, /* WSAESOCKTNOSUPPORT */
    {10045, "The attempted operation is not supported for the type of object referenced."}, /* WSAEOPNOTSUPP */
    {10046, "The protocol family has not been configured into the system or no implementation for it exists."}, /* WSAEPFNOSUPPORT */
    {10047, "An address incompatible with the requested protocol was used."}, /* WSAEAFNOSUPPORT */
    {10048, "Only one usage of each socket address (protocol/network address/port) is normally permitted."}, /* WSAEADDRINUSE */
    {10049, "The requested address is not valid in its context."}, /* WSAEADDRNOTAVAIL */
    {10050, "A socket operation encountered a dead network."}, /* WSAENETDOWN */
    {10051, "A socket operation was attempted to an unreachable network."}, /* WSAENETUNREACH */
    {10052, "The connection has been broken due to keep-alive activity detecting a failure while the operation was in progress."}, /* WSAENETRESET */
    {10053, "An established connection was aborted by the software in your host machine."}, /* WSAECONNABORTED */
    {10054, "An existing connection was forcibly closed by the remote host."}, /* WSAECONNRESET */
    {10055, "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full."}, /* WSAENOBUFS */
    {10056, "A connect request was made on an already connected socket."}, /* WSAEISCONN */
    {10057, "A request to send or receive data was disallowed because the socket is not connected and (when sending on a datagram socket using a sendto call) no address was supplied."}, /* WSAENOTCONN */
    {10058, "A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call."}, /* WSAESHUTDOWN */
    {10059, "Too many references to some kernel object."}, /* WSAETOOMANYREFS */
    {10060, "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond."}, /* WSAETIMEDOUT */
    {10061, "No connection could be made because the target machine actively refused it."}, /* WSAECONNREFUSED */
    {10062, "Cannot translate name."}, /* WSAELOOP */
    {10063, "Name component or name was too long."}, /* WSAENAMETOOLONG */
    {10064, "A socket operation failed because the destination host was down."}, /* WSAEHOSTDOWN */
    {10065, "A socket operation was attempted to an unreachable host."}, /* WSAEHOSTUNREACH */
    {10066, "Cannot remove a directory that is not empty."}, /* WSAENOTEMPTY */
    {10067, "A Windows Sockets implementation may have a limit on the number of applications that may use it simultaneously."}, /* WSAEPROCLIM */
    {10068, "Ran out of quota."}, /* WSAEUSERS */
    {10069, "Ran out of disk quota."}, /* WSAEDQUOT */
    {10070, "File handle reference is no longer available."}, /* WSAESTALE */
    {10071, "Item is not available locally."}, /* WSAEREMOTE */
    {10091, "WSAStartup cannot function at this time because the underlying system it uses to provide network services is currently unavailable."}, /* WSASYSNOTREADY */
    {10092, "The Windows Sockets version requested is not supported."}, /* WSAVERNOTSUPPORTED */
    {10093, "Either the application has not called WSAStartup, or WSAStartup failed."}, /* WSANOTINITIALISED */
    {10101, "Returned by WSARecv or WSARecvFrom to indicate the remote party has initiated a graceful shutdown sequence."}, /* WSAEDISCON */
    {10102, "No more results can be returned by WSALookupServiceNext."}, /* WSAENOMORE */
    {10103, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."}, /* WSAECANCELLED */
    {10104, "The procedure call table is invalid."}, /* WSAEINVALIDPROCTABLE */
    {10105, "The requested service provider is invalid."}, /* WSAEINVALIDPROVIDER */
    {10106, "The requested service provider could not be loaded or initialized."}, /* WSAEPROVIDERFAILEDINIT */
    {10107, "A system call has failed."}, /* WSASYSCALLFAILURE */
    {10108, "No such service is known. The service cannot be found in the specified name space."}, /* WSASERVICE_NOT_FOUND */
    {10109, "The specified class was not found."}, /* WSATYPE_NOT_FOUND */
    {10110, "No more results can be returned by WSALookupServiceNext."}, /* WSA_E_NO_MORE */
    {10111, "A call to WSALookupServiceEnd was made while this call was still processing. The call has been canceled."}, /* WSA_E_CANCELLED */
    {10112, "A database query failed because it was actively refused."}, /* WSAEREFUSED */
    {11001, "No such host is known."}, /* WSAHOST_NOT_FOUND */
    {11002, "This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server."}, /* WSATRY_AGAIN */
    {11003, "A non-recoverable error occurred during a database lookup."}, /* WSANO_RECOVERY */
    {11004, "The requested name is valid, but no data of the requested type was found."}, /* WSANO_DATA */
    {11005, "At least one reserve has arrived."}, /* WSA_QOS_RECEIVERS */
    {11006, "At least one path has arrived."}, /* WSA_QOS_SENDERS */
    {11007, "There are no senders."}, /* WSA_QOS_NO_SENDERS */
    {11008, "There are no receivers."}, /* WSA_QOS_NO_RECEIVERS */
    {11009, "Reserve has been confirmed."}, /* WSA_QOS_REQUEST_CONFIRMED */
    {11010, "Error due to lack of resources."}, /* WSA_QOS_ADMISSION_FAILURE */
    {11011, "Rejected for administrative reasons - bad credentials."}, /* WSA_QOS_POLICY_FAILURE */
    {11012, "Unknown or conflicting style."}, /* WSA_QOS_BAD_STYLE */
    {11013, "Problem with some part of the filterspec or providerspecific buffer in general."}, /* WSA_QOS_BAD_OBJECT */
    {11014, "Problem with some part of the flowspec."}, /* WSA_QOS_TRAFFIC_CTRL_ERROR */
    {11015, "General QOS error."}, /* WSA_QOS_GENERIC_ERROR */
    {11016, "An invalid or unrecognized service type was found in the flowspec."}, /* WSA_QOS_ESERVICETYPE */
    {11017, "An invalid or inconsistent flowspec was found in the QOS structure."}, /* WSA_QOS_EFLOWSPEC */
    {11018, "Invalid QOS provider-specific buffer."}, /* WSA_QOS_EPROVSPECBUF */
    {11019, "An invalid QOS filter style was used."}, /* WSA_QOS_EFILTERSTYLE */
    {11020, "An invalid QOS filter type was used."}, /* WSA_QOS_EFILTERTYPE */
    {11021, "An incorrect number of QOS FILTERSPECs were specified in the FLOWDESCRIPTOR."}, /* WSA_QOS_EFILTERCOUNT */
    {11022, "An object with an invalid ObjectLength field was specified in the QOS provider-specific buffer."}, /* WSA_QOS_EOBJLENGTH */
    {11023, "An incorrect number of flow descriptors was specified in the QOS structure."}, /* WSA_QOS_EFLOWCOUNT */
    {11024, "An unrecognized object was found in the QOS provider-specific buffer."}, /* WSA_QOS_EUNKOWNPSOBJ */
    {11025, "An invalid policy object was found in the QOS provider-specific buffer."}, /* WSA_QOS_EPOLICYOBJ */
    {11026, "An invalid QOS flow descriptor was found in the flow descriptor list."}, /* WSA_QOS_EFLOWDESC */
    {11027, "An invalid or inconsistent flowspec was found in the QOS provider specific buffer."}, /* WSA_QOS_EPSFLOWSPEC */
    {11028, "An invalid FILTERSPEC was found in the QOS provider-specific buffer."}, /* WSA_QOS_EPSFILTERSPEC */
    {11029, "An invalid shape discard mode object was found in the QOS provider specific buffer."}, /* WSA_QOS_ESDMODEOBJ */
    {11030, "An invalid shaping rate object was found in the QOS provider-specific buffer."}, /* WSA_QOS_ESHAPERATEOBJ */
    {11031, "A reserved policy element was found in the QOS provider-specific buffer."}, /* WSA_QOS_RESERVED_PETYPE */
    {11032, "No such host is known securely."}, /* WSA_SECURE_HOST_NOT_FOUND */
    {11033, "Name based IPSEC policy could not be added."}, /* WSA_IPSEC_NAME_POLICY_ERROR */
    {0x8000000A, "The data necessary to complete this operation is not yet available."}, /* E_PENDING */
    {0x80004001, "Not implemented"}, /* E_NOTIMPL */
    {0x80004002, "No such interface supported"}, /* E_NOINTERFACE */
    {0x80004003, "Invalid pointer"}, /* E_POINTER */
    {0x80004004, "Operation aborted"}, /* E_ABORT */
    {0x80004005, "Unspecified error"}, /* E_FAIL */
    {0x8000FFFF, "Catastrophic failure"}, /* E_UNEXPECTED */
};
// clang-format on
const unsigned errtext_winsock_count = sizeof(errtext_winsock) / sizeof(errtext_winsock[0]);
