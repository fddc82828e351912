"""Readers: turn files, directories, globs, archives and stdin into RawPage records.

Contract used by every executor:
  ``expand_inputs(inputs)``      -> sorted list of InputRef (files, '-' for stdin); bad paths
                                    become InputRefs whose reading yields an error page.
  ``read_input(ref, settings)``  -> iterator of RawPage for one file (an archive gives many);
                                    never raises for bad data: a failed read is a RawPage with errors.
  ``iter_pages(inputs, settings)`` -> both, chained, in a deterministic order.
"""

from guillemets.read.base import InputRef, PageKind, RawPage
from guillemets.read.sources import expand_inputs, iter_pages, read_input

__all__ = ["InputRef", "PageKind", "RawPage", "expand_inputs", "iter_pages", "read_input"]
