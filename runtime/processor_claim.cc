// Taking a processor that a call out lent, when the lender takes it back without a CAS (the
// process barrier; records.h, take_back_lent_processor). The taker - the monitor retaking a
// processor from a long call, a collection stopping the world, another call out coming back
// - runs this side of the protocol:
//  1. CAS the exact lent word to kClaiming (same lend count): nobody else can take p now, and
//     a lender that looks sees the claim and waits for the verdict;
//  2. the process-wide barrier (membarrier): a lender whose "back" note was still in its CPU's
//     store buffer has it published by now, and one that had not written it yet will see
//     kClaiming when it looks;
//  3. the verdict: if the lender noted it is back for this lending, it keeps p (the claim is
//     withdrawn, unless the lender already stored kRunning over it); otherwise p is ours.
// The barrier costs microseconds, paid only when a processor changes hands this way; the
// call out, a hundred times more frequent, pays two plain stores and a load.
#include "runtime/records.h"

namespace xrt::internal {

bool claim_lent_processor(Processor* p, ProcWord lent, ProcStatus to) {
  const uint32_t lends = lends_of(lent);
  ProcWord claimed = proc_word(ProcStatus::kClaiming, lends);
  if (!p->state.compare_exchange_strong(lent, claimed, std::memory_order_acq_rel)) return false;
  process_barrier();
  if (p->back.load(std::memory_order_acquire) == lends) {
    p->state.compare_exchange_strong(claimed, lent, std::memory_order_release);
    return false;
  }
  p->state.store(proc_word(to, lends), std::memory_order_release);
  return true;
}

}  // namespace xrt::internal
