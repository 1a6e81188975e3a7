package document

import "github.com/dossier-cti/dossier/internal/document/pdftest"

// Short names for the PDF builder, as the tests use it throughout.
type testPDF = pdftest.PDF

var (
	stream    = pdftest.Stream
	flate     = pdftest.Flate
	deflate   = pdftest.Deflate
	textPage  = pdftest.TextPage
	simplePDF = pdftest.Simple
	imagePage = pdftest.ImagePage
)
