namespace CoNRec.Core;
