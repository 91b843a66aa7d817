// The headers from C++, with the C++ library on both sides of them.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cerrno>
#include <cctype>
#include <ctime>
#include <cstddef>
#include <string>
#include <vector>

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <mswsock.h>
#include <ws2spi.h>

#include <csignal>
#include <unistd.h> // g++ defines _GNU_SOURCE: see ws2posix/api.h
#include <algorithm>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "coexist_use.h"

int coexist_cpp();
int coexist_cpp()
{
    std::vector<SOCKET> sockets(3, INVALID_SOCKET);
    std::string text = std::to_string(AF_INET6);
    // std::bind, std::thread ... are untouched by Winsock's bind and friends.
    auto bound = std::bind([](int a) { return a + 1; }, 1);
    return coexist_use() + bound() + static_cast<int>(sockets.size() + text.size());
}
