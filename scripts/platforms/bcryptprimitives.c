/* A stand-in for Windows' bcryptprimitives.dll, for Wine only: never shipped.
 *
 * Rust's standard library (1.78 and later) reads random bytes with ProcessPrng from
 * bcryptprimitives.dll, which every supported Windows (10 and later) has but Debian 12's
 * Wine 8.0 lacks, so without this no Rust program starts under that Wine. This DLL gives
 * ProcessPrng over BCryptGenRandom, which Wine does implement. scripts/platforms-test.sh
 * builds it with mingw-w64 and puts it in the test's own Wine prefix. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}
