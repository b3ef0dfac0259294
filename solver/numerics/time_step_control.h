#ifndef cementflow_numerics_time_step_control_h
#define cementflow_numerics_time_step_control_h

namespace cementflow
{
  namespace Numerics
  {
    /**
     * What changed over one time step, each measured against its target.
     * The transport and the heat are implicit and monotone at any step, so
     * these limit the step for accuracy, not stability (docs/numerics.md).
     */
    struct StepChanges
    {
      // The largest change of a cell's cement saturation: with the cement
      // far more viscous than marrow the front is piston-like, so this is
      // how many cells the front advanced.
      double saturation = 0;
      // The same over the cells that touch an exit zone: cement about to
      // leak.
      double exit_saturation = 0;
      // The cement that left in the step through an exit or vein that has
      // not yet passed the leak threshold, over that threshold.
      double leak = 0;
      // |ln(mu_end / mu_start)| of the cement at the needle tip: curing,
      // temperature and shear thinning.
      double viscosity = 0;
    };



    /** The targets of the step control; each change per step. */
    struct StepTargets
    {
      double saturation      = 0.8;
      double exit_saturation = 0.1;
      double leak            = 0.25;
      double viscosity       = 0.05;
      // The step grows by at most this factor from one step to the next
      // and shrinks by at most its inverse squared.
      double growth = 2;
    };



    /**
     * Time steps of injected volume set by accuracy: each step's volume is
     * the last one's times the smallest ratio of target to measured change
     * (all changes are first order in the step), limited by the growth
     * factor and by the largest step. Steps are not rejected: an implicit
     * step that overshoots a target by a factor r is followed by one r
     * times smaller. With @p adaptive false every step has the first
     * volume.
     */
    class TimeStepControl
    {
    public:
      TimeStepControl(const bool         adaptive,
                      const StepTargets &targets,
                      const double       first_volume,
                      const double       largest_volume);

      /** The volume [m^3] the next step should inject. */
      double volume() const;

      /**
       * After a step that injected @p taken_volume [m^3] (at most volume();
       * less when cut at a pause, an output or the end) with @p changes:
       * sets the next step's volume.
       */
      void step_done(const double taken_volume, const StepChanges &changes);

      /**
       * The factor by which a step with @p changes should be scaled to meet
       * @p targets, within [1/growth^2, growth].
       */
      static double scaling(const StepChanges &changes,
                            const StepTargets &targets);

      /** For checkpoints: the next volume, and setting it. */
      void set_volume(const double next_volume);

    private:
      bool        adaptive;
      StepTargets targets;
      double      largest_volume;
      double      next_volume;
    };
  } // namespace Numerics
} // namespace cementflow

#endif
