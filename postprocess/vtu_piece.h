#ifndef cementflow_postprocess_vtu_piece_h
#define cementflow_postprocess_vtu_piece_h

#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Postprocess
  {
    /** One named field: point or cell values with 1 or 3 components. */
    struct VtuField
    {
      std::string         name;
      unsigned int        n_components = 1;
      std::vector<double> values;

      template <class Archive>
      void serialize(Archive &archive, const unsigned int)
      {
        archive &name &n_components &values;
      }
    };



    /**
     * A piece of a hexahedral mesh with its fields, as ParaView reads it:
     * shared points, point data (continuous fields such as the pressure) and
     * cell data (one value per cell, such as the saturation).
     */
    struct VtuPiece
    {
      std::vector<double>       points;       // x, y, z per point
      std::vector<std::int64_t> connectivity; // 8 point indices per hexahedron,
                                              // in VTK's order
      std::vector<VtuField> point_fields;
      std::vector<VtuField> cell_fields;

      unsigned int n_points() const;
      unsigned int n_cells() const;

      /**
       * Appends @p other, which lists the same fields in the same order,
       * renumbering its points and keeping shared points once.
       */
      void append(const VtuPiece &other);

      template <class Archive>
      void serialize(Archive &archive, const unsigned int)
      {
        archive &points &connectivity &point_fields &cell_fields;
      }
    };



    /**
     * Writes a piece as a .vtu file (binary, compressed) with VTK, under a
     * temporary name renamed once complete; throws OutputError.
     */
    void write_vtu(const std::string &path, const VtuPiece &piece);

    /**
     * The .pvtu record that ties the pieces together; @p layout gives the
     * field names and components.
     */
    std::string pvtu_record(const VtuPiece                 &layout,
                            const std::vector<std::string> &pieces);
  } // namespace Postprocess
} // namespace cementflow

#endif
