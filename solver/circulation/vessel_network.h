#ifndef cementflow_vessel_network_h
#define cementflow_vessel_network_h

#include "circulation/circulation_parameters.h"

#include <deal.II/base/point.h>

#include <functional>
#include <string>
#include <vector>

namespace cementflow
{
  namespace Meshes
  {
    class Image;
  }

  namespace Circulation
  {
    /**
     * Which of a list of points lie inside the bone. Collective: every rank
     * passes the same points and gets the same answer.
     */
    using InsideTest =
      std::function<std::vector<bool>(const std::vector<dealii::Point<3>> &)>;

    /** A vein before it is split into segments: a polyline with radii. */
    struct VeinPath
    {
      std::string                   name;
      std::string                   leak_class = "venous-basivertebral";
      std::vector<dealii::Point<3>> points;            // [m]
      std::vector<double>           radii;             // [m], per point
      double                        plexus_offset = 0; // [Pa]
    };



    /**
     * The veins as a graph of straight segments of at most a given length,
     * independent of the mesh. Nodes are the segments' ends; a node is in the
     * bone when its point is. An end of a vein outside the bone that no other
     * vein shares drains into the venous plexus: its node holds the plexus
     * pressure. Veins that share an end point are joined there.
     */
    class VesselNetwork
    {
    public:
      struct Node
      {
        dealii::Point<3> position;
        bool             in_bone;
        // The vein whose plexus this node is, or invalid for a node whose
        // pressure is unknown.
        unsigned int plexus_vein;
        // Position among the nodes of unknown pressure, or invalid.
        unsigned int unknown;
      };

      struct Segment
      {
        unsigned int from, to; // nodes, in the vein's direction
        double       radius;   // [m]
        double       length;   // [m]
        unsigned int vein;
        bool         in_bone; // its middle is
      };

      struct Vein
      {
        std::string name;
        std::string leak_class;
        double      plexus_offset; // [Pa]
        // The segment through which the vein's flow leaves it (into its
        // plexus, or where a tributary joins another vein), and +1 if its
        // flow runs from its first to its second node outwards, else -1.
        unsigned int outlet_segment = 0;
        double       outlet_sign    = 1;
      };

      VesselNetwork() = default;

      /** Splits and joins @p paths; throws InputError for a bad path. */
      VesselNetwork(const std::vector<VeinPath> &paths,
                    const double                 segment_length,
                    const InsideTest            &inside);

      const std::vector<Node>    &nodes() const;
      const std::vector<Segment> &segments() const;
      const std::vector<Vein>    &veins() const;
      unsigned int                n_unknowns() const;

      /**
       * The flow out of each vein [m^3/s]: at its plexus end, or where it
       * joins another vein; @p segment_flow per segment, from its first to
       * its second node.
       */
      std::vector<double>
      vein_outflows(const std::vector<double> &segment_flow) const;

      /** Total lumen volume inside and outside the bone [m^3]. */
      std::pair<double, double> lumen_volume() const;

    private:
      std::vector<Node>    node_list;
      std::vector<Segment> segment_list;
      std::vector<Vein>    vein_list;
      unsigned int         n_unknown_nodes = 0;
    };



    /**
     * The paths of veins given by parameters: from Start towards Foramen,
     * leaving the bone where that line first crosses the surface, then
     * Outside length further.
     */
    std::vector<VeinPath> parameter_paths(const VeinsParameters &parameters,
                                          const InsideTest      &inside);

    /**
     * The polylines of a legacy VTK or XML polydata file with the point
     * array radius_mm, scaled by @p length_unit [m]; throws InputError naming
     * the file for anything it cannot use.
     */
    std::vector<VeinPath> read_vein_file(const std::string &file,
                                         const double       length_unit);

    /**
     * One path per connected group of voxels labelled @p label: along the
     * group's longest axis (its principal direction), with the radius of its
     * mean cross-section (or @p radius if positive), from the end deeper in
     * the bone to the end nearer the surface, continued outwards by
     * @p outside_length.
     */
    std::vector<VeinPath> label_paths(const Meshes::Image &labels,
                                      const unsigned int   label,
                                      const double         radius,
                                      const double         outside_length,
                                      const InsideTest    &inside);
  } // namespace Circulation
} // namespace cementflow

#endif
