#ifndef cementflow_postprocess_checkpoint_manifest_h
#define cementflow_postprocess_checkpoint_manifest_h

#include <string>

namespace cementflow
{
  namespace Postprocess
  {
    /**
     * The layout of a checkpoint's contents (the scalars of
     * Simulator::CheckpointState and the fields that travel with the mesh).
     * Raise it whenever that layout changes: a checkpoint of another layout
     * is refused instead of being misread.
     */
    constexpr unsigned int checkpoint_format = 5;

    /**
     * Writes the file "manifest" into the checkpoint folder @p folder: the
     * format above, the program version @p version, and the size and
     * CRC-32 of every other file in it. Call it once every file is
     * complete, before the marker that makes the checkpoint count.
     */
    void write_checkpoint_manifest(const std::string &folder,
                                   const std::string &version);

    /**
     * What is wrong with the checkpoint in @p folder, or "" if it is
     * intact: no manifest (an older version, or a damaged folder), another
     * format or version, a file missing, of another size or with another
     * checksum (modified or corrupt), or a file the manifest does not list.
     */
    std::string checkpoint_problem(const std::string &folder,
                                   const std::string &version);
  } // namespace Postprocess
} // namespace cementflow

#endif
