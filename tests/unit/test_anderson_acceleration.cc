// Anderson acceleration against fixed points known in closed form.

#include "numerics/anderson_acceleration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using cementflow::Numerics::AndersonAcceleration;

namespace
{
  double dot(const std::vector<double> &a, const std::vector<double> &b)
  {
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
      sum += a[i] * b[i];
    return sum;
  }

  double distance(const std::vector<double> &a, const std::vector<double> &b)
  {
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
      sum += (a[i] - b[i]) * (a[i] - b[i]);
    return std::sqrt(sum);
  }

  // A linear contraction x <- A x + b (A symmetric tridiagonal, its
  // eigenvalues 0.55 + 0.4 cos(j pi / 7), the largest 0.91), whose fixed
  // point solves (I - A) x = b.
  std::vector<double> linear_map(const std::vector<double> &x)
  {
    const std::size_t   n = x.size();
    std::vector<double> g(n);
    for (std::size_t i = 0; i < n; ++i)
      {
        g[i] = 0.55 * x[i] + 1. + 0.1 * i;
        if (i > 0)
          g[i] += 0.2 * x[i - 1];
        if (i + 1 < n)
          g[i] += 0.2 * x[i + 1];
      }
    return g;
  }

  // Iterations until |G(x) - x| < tolerance, with the given depth.
  template <typename Map>
  unsigned int iterations_to_converge(const Map           &map,
                                      const unsigned int   depth,
                                      std::vector<double>  x,
                                      const double         tolerance,
                                      std::vector<double> *solution = nullptr)
  {
    AndersonAcceleration anderson(depth, dot);
    for (unsigned int k = 1; k <= 10000; ++k)
      {
        const std::vector<double> g = map(x);
        if (distance(g, x) < tolerance)
          {
            if (solution)
              *solution = g;
            return k;
          }
        x = anderson.next(x, g);
      }
    return 10001;
  }
} // namespace

TEST(AndersonAcceleration, DepthZeroIsPicard)
{
  AndersonAcceleration      anderson(0, dot);
  const std::vector<double> x = {1., 2.}, g = {3., 5.};
  EXPECT_EQ(anderson.next(x, g), g);
  EXPECT_EQ(anderson.next(g, x), x);
  EXPECT_EQ(anderson.used_depth(), 0u);
}

TEST(AndersonAcceleration, FullDepthSolvesALinearMapInDimensionPlusOneSteps)
{
  // Type-II Anderson with depth >= n is GMRES on (I - A) x = b: the
  // fixed point in at most n + 1 images.
  const std::size_t   n = 6;
  std::vector<double> solution;
  const unsigned int  with_anderson = iterations_to_converge(
    linear_map, n, std::vector<double>(n, 0.), 1e-9, &solution);
  EXPECT_LE(with_anderson, n + 2);

  // The solution of (I - A) x = b, checked by its residual.
  const std::vector<double> image = linear_map(solution);
  EXPECT_LT(distance(image, solution), 1e-8);

  // Picard needs about ln(1e-9) / ln(0.91), over 200, iterations.
  const unsigned int picard =
    iterations_to_converge(linear_map, 0, std::vector<double>(n, 0.), 1e-9);
  EXPECT_GT(picard, 200u);
}

TEST(AndersonAcceleration, SpeedsUpTheLogViscosityIterationOfAPowerLaw)
{
  // The viscosity iteration of cementflow's shear-thinning cement in the
  // form it takes in a cell: with the flow rate u fixed by the injection,
  // the shear rate seen with viscosity mu is a / mu (times the pressure
  // gradient's coupling to the neighbours, here a mild linear mixing), and
  // mu = K gamma^(n - 1). In logarithms, x = ln mu:
  //   x <- ln K + (n - 1)(ln a_i + 0.2 mean of the neighbours - x),
  // a contraction of rate about (1 - n)(1 + 0.2): slow for strongly
  // shear-thinning cement (n = 0.3 gives 0.84).
  const double flow_index = 0.3;
  const auto   map        = [&](const std::vector<double> &x) {
    std::vector<double> g(x.size());
    for (std::size_t i = 0; i < x.size(); ++i)
      {
        const double neighbours = 0.5 * ((i > 0 ? x[i - 1] : x[i]) +
                                         (i + 1 < x.size() ? x[i + 1] : x[i]));
        const double log_shear =
          std::log(1. + i) + 0.2 * neighbours - x[i] + 5.;
        g[i] = std::log(20.) + (flow_index - 1.) * log_shear;
      }
    return g;
  };
  // This map is a contraction, so both converge to the same point.
  std::vector<double> picard_solution, anderson_solution;
  const unsigned int  picard = iterations_to_converge(
    map, 0, std::vector<double>(40, std::log(100.)), 1e-10, &picard_solution);
  const unsigned int anderson = iterations_to_converge(
    map, 3, std::vector<double>(40, std::log(100.)), 1e-10, &anderson_solution);
  EXPECT_LT(distance(picard_solution, anderson_solution), 1e-8);
  EXPECT_LT(2 * anderson, picard);
}

TEST(AndersonAcceleration, DependentDifferencesFallBackWithoutNaN)
{
  // Two identical steps give a singular least-squares problem: the history
  // is dropped and the result is the Picard image.
  AndersonAcceleration      anderson(2, dot);
  const std::vector<double> x = {1., 1.}, g = {2., 2.};
  anderson.next(x, g);
  const std::vector<double> result = anderson.next(x, g);
  EXPECT_EQ(result, g);
  EXPECT_EQ(anderson.used_depth(), 0u);
  for (const double value : result)
    EXPECT_TRUE(std::isfinite(value));
}
