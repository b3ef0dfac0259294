#ifndef cementflow_numerics_anderson_acceleration_h
#define cementflow_numerics_anderson_acceleration_h

#include <deque>
#include <functional>
#include <vector>

namespace cementflow
{
  namespace Numerics
  {
    /**
     * Anderson acceleration of a fixed-point iteration x <- G(x) (Walker
     * and Ni, SIAM J Numer Anal 49, 2011, "type II", no damping). From the
     * last @p depth + 1 iterates x_i and their images g_i = G(x_i), with
     * residuals f_i = g_i - x_i, the next iterate is
     *
     *     x_next = g_k - sum_j gamma_j (g_{j+1} - g_j),
     *
     * where gamma minimises |f_k - sum_j gamma_j (f_{j+1} - f_j)|. For a
     * linear contraction it is GMRES in disguise; on the viscosity
     * iteration of a shear-thinning fluid it replaces Picard's linear rate
     * by a faster one at the cost of a few vector updates per iteration.
     *
     * The class knows no mesh and no MPI: the caller gives the inner
     * product, which on a distributed vector sums the owned entries and
     * reduces over the ranks, so every rank takes the same gamma and ghost
     * entries stay equal to their owners'.
     */
    class AndersonAcceleration
    {
    public:
      using InnerProduct = std::function<double(const std::vector<double> &,
                                                const std::vector<double> &)>;

      /**
       * @p depth past differences are kept (0: plain Picard).
       * @p inner_product must be symmetric and positive semi-definite.
       */
      AndersonAcceleration(const unsigned int depth,
                           InnerProduct       inner_product);

      /** Forgets the history: the next call is a plain Picard step. */
      void reset();

      /**
       * Given the iterate @p x and its image @p g = G(x), returns the next
       * iterate. When the least-squares problem is too ill-conditioned to
       * trust, the oldest differences are dropped until it is not (at
       * worst a Picard step, g itself).
       */
      std::vector<double> next(const std::vector<double> &x,
                               const std::vector<double> &g);

      /** How many differences the last call used. */
      unsigned int used_depth() const;

    private:
      unsigned int        depth;
      InnerProduct        inner_product;
      std::vector<double> last_g, last_f;
      bool                has_last = false;
      // Differences of the residuals and of the images, oldest first.
      std::deque<std::vector<double>> residual_differences;
      std::deque<std::vector<double>> image_differences;
      unsigned int                    last_used_depth = 0;
    };
  } // namespace Numerics
} // namespace cementflow

#endif
