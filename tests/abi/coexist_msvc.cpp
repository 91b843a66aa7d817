// MSVC's keywords and SAL annotations in C++, with the C++ library included after them.
#include <cstddef>

#include <windows.h>
#include <winsock2.h>
#include <sal.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "coexist_msvc_use.h"

class __declspec(novtable) __declspec(dllexport) MsvcBase
{
  public:
    virtual ~MsvcBase() {}
    virtual int run() = 0;
    static __declspec(thread) int per_thread;
};
__declspec(thread) int MsvcBase::per_thread = 0;

int coexist_msvc_cpp();
int coexist_msvc_cpp()
{
    std::vector<int> v{3, 1, 2};
    std::sort(v.begin(), v.end());
    std::ostringstream out;
    out << v[0] << MsvcBase::per_thread;
    return msvc_use() + static_cast<int>(out.str().size());
}
