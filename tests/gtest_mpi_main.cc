// GoogleTest entry point shared by the test executables: MPI (and PETSc)
// are initialised once; only rank 0 prints, every rank asserts.

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

int main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  ::testing::InitGoogleTest(&argc, argv);
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) != 0)
    {
      ::testing::TestEventListeners &listeners =
        ::testing::UnitTest::GetInstance()->listeners();
      delete listeners.Release(listeners.default_result_printer());
    }
  return RUN_ALL_TESTS();
}
