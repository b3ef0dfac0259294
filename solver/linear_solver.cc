#include "linear_solver.h"

#include "errors.h"

#include <sstream>

namespace cementflow
{
  namespace
  {
    void check(const PetscErrorCode error, const std::string &what)
    {
      if (error != 0)
        throw SimulationError("PETSc failed in " + what + " (error code " +
                              std::to_string(error) + ").");
    }



    // Sets an option under the prefix unless the user already set it.
    void set_default_option(const std::string &prefix,
                            const std::string &option,
                            const std::string &value)
    {
      const std::string name   = "-" + prefix + option;
      PetscBool         is_set = PETSC_FALSE;
      PetscOptionsHasName(nullptr, nullptr, name.c_str(), &is_set);
      if (!is_set)
        PetscOptionsSetValue(nullptr, name.c_str(), value.c_str());
    }
  } // namespace



  AmgSolver::AmgSolver(const std::string &name,
                       const std::string &preconditioner,
                       const MPI_Comm     communicator,
                       const bool         symmetric)
    : name(name)
    , preconditioner(preconditioner)
    , communicator(communicator)
    , symmetric(symmetric)
  {
    const std::string prefix = name + "_";
    set_default_option(prefix, "pc_hypre_boomeramg_coarsen_type", "HMIS");
    set_default_option(prefix, "pc_hypre_boomeramg_interp_type", "ext+i");
    set_default_option(prefix, "pc_hypre_boomeramg_P_max", "4");
    set_default_option(prefix, "pc_hypre_boomeramg_strong_threshold", "0.5");
    set_default_option(prefix, "pc_gamg_reuse_interpolation", "true");
    // GAMG's default Chebyshev smoother relies on eigenvalue estimates that
    // go wrong when the mobility contrast moves (an indefinite
    // preconditioner was seen); one symmetric SOR sweep is robust.
    set_default_option(prefix, "mg_levels_ksp_type", "richardson");
    set_default_option(prefix, "mg_levels_pc_type", "sor");

    create_ksp();
  }



  void AmgSolver::create_ksp()
  {
    const std::string prefix = name + "_";
    check(KSPCreate(communicator, &ksp), "KSPCreate");
    check(KSPSetOptionsPrefix(ksp, prefix.c_str()), "KSPSetOptionsPrefix");
    check(KSPSetType(ksp, symmetric ? KSPCG : KSPGMRES), "KSPSetType");
    // Right preconditioning lets GMRES measure the true residual.
    if (!symmetric)
      check(KSPSetPCSide(ksp, PC_RIGHT), "KSPSetPCSide");
    check(KSPSetNormType(ksp, KSP_NORM_UNPRECONDITIONED), "KSPSetNormType");
    PC pc;
    check(KSPGetPC(ksp, &pc), "KSPGetPC");
    if (preconditioner == "boomeramg")
      {
        check(PCSetType(pc, PCHYPRE), "PCSetType");
        check(PCHYPRESetType(pc, "boomeramg"), "PCHYPRESetType");
      }
    else if (preconditioner == "sor")
      check(PCSetType(pc, PCSOR), "PCSetType");
    else
      check(PCSetType(pc, PCGAMG), "PCSetType");
    check(KSPSetInitialGuessNonzero(ksp, PETSC_TRUE),
          "KSPSetInitialGuessNonzero");
    check(KSPSetFromOptions(ksp), "KSPSetFromOptions");
  }



  AmgSolver::~AmgSolver()
  {
    if (ksp != nullptr)
      KSPDestroy(&ksp);
  }



  unsigned int
  AmgSolver::run_ksp(const dealii::PETScWrappers::MPI::SparseMatrix &matrix,
                     dealii::PETScWrappers::MPI::Vector             &solution,
                     const dealii::PETScWrappers::MPI::Vector       &rhs,
                     const bool                                      rebuild,
                     bool                                           &converged,
                     std::string                                    &reason)
  {
    check(KSPSetReusePreconditioner(ksp, rebuild ? PETSC_FALSE : PETSC_TRUE),
          "KSPSetReusePreconditioner");
    check(KSPSetOperators(ksp, matrix, matrix), "KSPSetOperators");
    check(KSPSolve(ksp, rhs, solution), "KSPSolve of the " + name + " system");
    if (rebuild)
      ++setups;

    KSPConvergedReason converged_reason;
    PetscInt           n_iterations = 0;
    KSPGetConvergedReason(ksp, &converged_reason);
    KSPGetIterationNumber(ksp, &n_iterations);
    converged = converged_reason > 0;
    reason    = KSPConvergedReasons[converged_reason];
    return static_cast<unsigned int>(n_iterations);
  }



  unsigned int
  AmgSolver::solve(const dealii::PETScWrappers::MPI::SparseMatrix &matrix,
                   dealii::PETScWrappers::MPI::Vector             &solution,
                   const dealii::PETScWrappers::MPI::Vector       &rhs,
                   const double       relative_tolerance,
                   const unsigned int max_iterations,
                   const double       rebuild_factor)
  {
    check(
      KSPSetTolerances(ksp,
                       relative_tolerance,
                       1e-300,
                       1e300, // a good initial guess may still start far off
                       static_cast<PetscInt>(max_iterations)),
      "KSPSetTolerances");

    bool rebuild =
      setups == 0 || must_rebuild || rebuild_factor <= 0 ||
      last_iterations > rebuild_factor * iterations_after_setup + 2;
    bool        converged = false;
    std::string reason;
    // Keep the starting guess: a failed attempt with the old hierarchy must
    // not spoil the retry.
    const dealii::PETScWrappers::MPI::Vector initial_guess(solution);
    unsigned int                             n_iterations =
      run_ksp(matrix, solution, rhs, rebuild, converged, reason);
    if (!converged && !rebuild)
      {
        solution = initial_guess;
        rebuild  = true;
        n_iterations += run_ksp(matrix, solution, rhs, true, converged, reason);
      }
    if (!converged)
      {
        std::ostringstream message;
        message << "The " << name << " solve did not converge: " << reason
                << " after " << n_iterations
                << " iterations (relative tolerance " << relative_tolerance
                << ", at most " << max_iterations << " iterations).";
        throw SimulationError(message.str());
      }
    if (rebuild)
      iterations_after_setup = n_iterations;
    must_rebuild    = false;
    last_iterations = n_iterations;
    return n_iterations;
  }



  void AmgSolver::reset()
  {
    // GAMG keeps its levels through KSPReset; a new KSP has none.
    KSPDestroy(&ksp);
    create_ksp();
    must_rebuild = true;
  }



  unsigned int AmgSolver::n_setups() const
  {
    return setups;
  }
} // namespace cementflow
