#include "anderson_acceleration.h"

#include <cmath>
#include <utility>

namespace cementflow
{
  namespace Numerics
  {
    namespace
    {
      std::vector<double> difference(const std::vector<double> &a,
                                     const std::vector<double> &b)
      {
        std::vector<double> result(a.size());
        for (std::size_t i = 0; i < a.size(); ++i)
          result[i] = a[i] - b[i];
        return result;
      }



      // Solves the symmetric positive definite system M gamma = b by
      // Cholesky; false if a pivot falls below a relative 1e-12 of its
      // diagonal entry (the differences are nearly dependent: with normal
      // equations that is a condition number of about 1e6 of the
      // differences themselves).
      bool solve_gram_system(std::vector<std::vector<double>> M,
                             std::vector<double>             &b)
      {
        const std::size_t n = b.size();
        for (std::size_t j = 0; j < n; ++j)
          {
            const double diagonal = M[j][j];
            double       pivot    = diagonal;
            for (std::size_t k = 0; k < j; ++k)
              pivot -= M[j][k] * M[j][k];
            if (!(pivot > 1e-12 * diagonal) || !(diagonal > 0))
              return false;
            M[j][j] = std::sqrt(pivot);
            for (std::size_t i = j + 1; i < n; ++i)
              {
                double value = M[i][j];
                for (std::size_t k = 0; k < j; ++k)
                  value -= M[i][k] * M[j][k];
                M[i][j] = value / M[j][j];
              }
          }
        for (std::size_t i = 0; i < n; ++i)
          {
            for (std::size_t k = 0; k < i; ++k)
              b[i] -= M[i][k] * b[k];
            b[i] /= M[i][i];
          }
        for (std::size_t i = n; i-- > 0;)
          {
            for (std::size_t k = i + 1; k < n; ++k)
              b[i] -= M[k][i] * b[k];
            b[i] /= M[i][i];
          }
        return true;
      }
    } // namespace



    AndersonAcceleration::AndersonAcceleration(const unsigned int depth,
                                               InnerProduct       inner_product)
      : depth(depth)
      , inner_product(std::move(inner_product))
    {}



    void AndersonAcceleration::reset()
    {
      has_last = false;
      residual_differences.clear();
      image_differences.clear();
      last_used_depth = 0;
    }



    std::vector<double> AndersonAcceleration::next(const std::vector<double> &x,
                                                   const std::vector<double> &g)
    {
      const std::vector<double> f = difference(g, x);
      if (has_last && depth > 0)
        {
          residual_differences.push_back(difference(f, last_f));
          image_differences.push_back(difference(g, last_g));
          if (residual_differences.size() > depth)
            {
              residual_differences.pop_front();
              image_differences.pop_front();
            }
        }
      last_f   = f;
      last_g   = g;
      has_last = true;

      // The least-squares problem by its normal equations; ill-conditioned
      // histories lose their oldest differences.
      while (!residual_differences.empty())
        {
          const std::size_t                m = residual_differences.size();
          std::vector<std::vector<double>> gram(m, std::vector<double>(m));
          std::vector<double>              gamma(m);
          for (std::size_t i = 0; i < m; ++i)
            {
              for (std::size_t j = 0; j <= i; ++j)
                gram[i][j] = gram[j][i] =
                  inner_product(residual_differences[i],
                                residual_differences[j]);
              gamma[i] = inner_product(residual_differences[i], f);
            }
          if (solve_gram_system(gram, gamma))
            {
              std::vector<double> result = g;
              for (std::size_t j = 0; j < m; ++j)
                for (std::size_t i = 0; i < result.size(); ++i)
                  result[i] -= gamma[j] * image_differences[j][i];
              last_used_depth = m;
              return result;
            }
          residual_differences.pop_front();
          image_differences.pop_front();
        }
      last_used_depth = 0;
      return g;
    }



    unsigned int AndersonAcceleration::used_depth() const
    {
      return last_used_depth;
    }
  } // namespace Numerics
} // namespace cementflow
