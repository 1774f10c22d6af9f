/* bcryptprimitives.dll for Wine 8, which lacks it. Go 1.21.? and later load it from system32 at
 * startup for ProcessPrng, their only source of randomness on Windows, and die without it
 * ("fatal error: bcryptprimitives.dll not found") before running any code of ours. Windows 10+
 * has it; Wine 9 has it. This stand-in forwards to bcrypt's system RNG, which Wine 8 has, so
 * that the suite certifies Go's behaviour at the C boundary rather than the emulator's age. */
#include <windows.h>
#include <bcrypt.h>

/* install_bcryptprimitives.sh looks for this to tell our stand-in from Wine's own DLL. */
__attribute__((used)) static const char stand_in_marker[] = "xcall bcryptprimitives stand-in";

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
  while (size > 0) {
    ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
    if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
      return FALSE;
    data += chunk;
    size -= chunk;
  }
  return TRUE;
}
