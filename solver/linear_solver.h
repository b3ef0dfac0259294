#ifndef cementflow_linear_solver_h
#define cementflow_linear_solver_h

#include <deal.II/base/mpi.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

#include <petscksp.h>

#include <string>

namespace cementflow
{
  /**
   * Conjugate gradients (or, for a nonsymmetric operator, right-preconditioned
   * GMRES) preconditioned by algebraic multigrid, through
   * PETSc's KSP: PETSc's smoothed-aggregation GAMG (the default; it reuses
   * its interpolation between solves and only recomputes the coarse
   * operators) or hypre's BoomerAMG (with the settings DESIGN.md measured
   * fastest here: HMIS coarsening, ext+i interpolation, at most 4 entries
   * per interpolation row, strong threshold 0.5). docs/numerics.md gives
   * the measured comparison. Every setting can be overridden at run time
   * with PETSc options under the solver's prefix, e.g.
   * PETSC_OPTIONS="-pressure_ksp_monitor -flux_pc_type hypre".
   */
  class AmgSolver
  {
  public:
    /**
     * @p preconditioner is "gamg", "boomeramg" or "sor" (for strongly
     * diagonally dominant systems such as the heat's); @p symmetric false
     * chooses GMRES for operators that are not symmetric.
     */
    AmgSolver(const std::string &name,
              const std::string &preconditioner,
              const MPI_Comm     communicator,
              const bool         symmetric = true);
    ~AmgSolver();

    AmgSolver(const AmgSolver &)            = delete;
    AmgSolver &operator=(const AmgSolver &) = delete;

    /**
     * Solves A x = b from the initial guess in @p x until the residual
     * falls below @p relative_tolerance times |b|. Returns the number of
     * iterations. Throws SimulationError, on every rank, if it fails.
     *
     * Setting up BoomerAMG costs several V-cycles, and between time steps the
     * operator changes only near the cement front. So the hierarchy of an
     * earlier matrix is kept as long as it works: it is rebuilt when the
     * previous solve needed more than @p rebuild_factor times the iterations
     * of the first solve after the last rebuild (plus two), or when a solve
     * with the old hierarchy fails. A factor of 0 rebuilds every time.
     */
    unsigned int solve(const dealii::PETScWrappers::MPI::SparseMatrix &matrix,
                       dealii::PETScWrappers::MPI::Vector             &solution,
                       const dealii::PETScWrappers::MPI::Vector       &rhs,
                       const double       relative_tolerance,
                       const unsigned int max_iterations,
                       const double       rebuild_factor = 0.);

    /**
     * Forgets the matrices and the hierarchy: the next solve builds them
     * anew, as after an adaptation of the mesh changed the system's size.
     */
    void reset();

    /** How often the AMG hierarchy was built. */
    unsigned int n_setups() const;

  private:
    unsigned int run_ksp(const dealii::PETScWrappers::MPI::SparseMatrix &matrix,
                         dealii::PETScWrappers::MPI::Vector       &solution,
                         const dealii::PETScWrappers::MPI::Vector &rhs,
                         const bool                                rebuild,
                         bool                                     &converged,
                         std::string                              &reason);

    void create_ksp();

    const std::string name;
    const std::string preconditioner;
    const MPI_Comm    communicator;
    const bool        symmetric;
    KSP               ksp                    = nullptr;
    unsigned int      setups                 = 0;
    unsigned int      iterations_after_setup = 0;
    unsigned int      last_iterations        = 0;
    bool              must_rebuild           = false;
  };
} // namespace cementflow

#endif
