#ifndef cementflow_stop_signal_h
#define cementflow_stop_signal_h

namespace cementflow
{
  /**
   * Whether SIGTERM or SIGUSR1 has arrived since a run installed its
   * handlers (Checkpoints/On signal): a sweep then starts no further case.
   * Read on this rank only; callers agree over their communicator.
   */
  bool stop_signal_received();
} // namespace cementflow

#endif
