"""--from as a user meets it: the code, a file, a class in it, standard input, --set; the model table and its
JSON contract; answers checked; and one precise refusal (line, column, the --set that answers it) for what the
code leaves open. Counts here are closed forms; tests/test_fromcode_oracle.py checks them against the frameworks."""

import json

import pytest

from rnncalc.errors import InvalidArgument
from rnncalc.fromcode import read_model

CLASS = """\
import torch.nn as nn

VOCAB = 1000


class Tagger(nn.Module):
    def __init__(self, vocab_size=VOCAB, embedding_dim=32, hidden=64, n_tags=9):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embedding_dim, padding_idx=0)
        self.lstm = nn.LSTM(embedding_dim, hidden, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(0.5)
        self.out = nn.Linear(hidden * 2, n_tags)
"""
EMBEDDING = 1000 * 32
LSTM = 2 * 4 * (64 * 32 + 64 * 64 + 2 * 64)  # two directions, four blocks, bias_ih and bias_hh
OUT = 128 * 9 + 9
TOTAL = EMBEDDING + LSTM + OUT


def test_a_class_counts_every_module_with_its_defaults():
    model = read_model(CLASS)
    assert model.total == TOTAL
    assert [(r.path, r.type, r.params) for r in model.modules] == [
        ("embedding", "Embedding", EMBEDDING),
        ("lstm", "LSTM", LSTM),
        ("dropout", "Dropout", 0),
        ("out", "Linear", OUT),
    ]
    (layer,) = model.recurrent
    assert layer.network == dict(cell="lstm", convention="pytorch", hidden=64, input_size=32, layers=1,
                                 bidirectional=True, proj=0, bias=True)  # fmt: skip


def test_from_a_file_a_name_in_it_and_standard_input(run, tmp_path, monkeypatch):
    path = tmp_path / "model.py"
    path.write_text(CLASS)
    assert run("params", "--from", str(path), "-q") == (0, f"{TOTAL}\n", "")
    assert run("params", "--from", f"{path}:Tagger", "--set", "hidden=32", "-q")[1] == (
        f"{EMBEDDING + 2 * 4 * (32 * 32 + 32 * 32 + 64) + 64 * 9 + 9}\n"
    )
    from typer.testing import CliRunner

    from rnncalc.cli.app import build

    result = CliRunner().invoke(build(), ["params", "--from", "-", "-q"], input=CLASS)
    assert (result.exit_code, result.stdout) == (0, f"{TOTAL}\n")


def test_json_lists_every_module_and_links_the_recurrent_layers(run):
    code, out, _ = run("params", "--from", CLASS, "-f", "json")
    data = json.loads(out)
    assert code == 0 and data["total"] == TOTAL and data["framework"] == "pytorch"
    assert sum(m["params"] for m in data["modules"]) == TOTAL  # top-level modules add up to the total
    assert {m["path"]: m["params"] for m in data["modules"]}["lstm"] == LSTM
    (layer,) = data["recurrent"]
    assert layer["conventions"] == {
        "textbook": 2 * 4 * (64 * 32 + 64 * 64),
        "pytorch": LSTM,
        "keras": LSTM - 2 * 4 * 64,
    }
    assert layer["gradflow"] == "rnncalc gradflow --cell lstm --hidden 64"


def test_the_table_names_each_module_and_the_total(run):
    out = run("params", "--from", CLASS)[1]
    for text in (
        "Tagger · PyTorch",
        "embedding",
        "Embedding",
        f"{TOTAL:,}",
        "rnncalc gradflow --cell lstm --hidden 64",
    ):
        assert text in out


def test_csv_has_a_row_per_module(run):
    lines = run("params", "--from", CLASS, "-f", "csv")[1].splitlines()
    assert lines[0] == "path,type,output,params,line,depth" and len(lines) == 5


@pytest.mark.parametrize(
    "answer,code,reading",
    [
        (TOTAL, 0, None),
        (TOTAL - EMBEDDING, 3, "without the embedding"),
        (LSTM, 3, "without the embedding, without the output layer"),
        (TOTAL - 2 * 4 * 64 * 2, 3, "the recurrent layers under the course formula (weights only)"),
    ],
)
def test_expect_checks_the_total_and_names_the_reading(run, answer, code, reading):
    status, out, _ = run("params", "--from", CLASS, "--expect", str(answer), "-f", "json")
    data = json.loads(out)
    assert status == code and data["match"] == (code == 0)
    if reading:
        assert reading in [r["description"] for r in data["readings"]]


@pytest.mark.parametrize(
    "code,message",
    [
        # an open name: where it is and the --set that answers it
        (
            "class M(nn.Module):\n    def __init__(self, vocab):\n        super().__init__()\n"
            "        self.e = nn.Embedding(vocab, 8)\nmodel = M(len(tokens))",
            "line 5, column 11: nn.Embedding's num_embeddings needs vocab (it is len(tokens)), which is not known "
            "without running the code; give it with --set vocab=VALUE",
        ),
        (
            "rnn = nn.GRU(n_in, 32)",
            "line 1, column 14: nn.GRU's input_size needs n_in, which is not known without "
            "running the code; give it with --set n_in=VALUE",
        ),
        (
            "units = cfg['units']\nrnn = nn.LSTM(8, units)",
            "nn.LSTM's hidden_size needs units (it is cfg['units']), which is not known without running the code; "
            "give it with --set units=VALUE",
        ),
        (
            "import torch\nimport torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
            "        if torch.cuda.is_available():\n            self.rnn = nn.LSTM(8, 8)\nm = M()",
            "line 6, column 9: whether (or how often) this block runs depends on torch.cuda.is_available(…)",
        ),
        (
            "from mylib import Encoder\nimport torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n"
            "        super().__init__()\n        self.enc = Encoder()\nm = M()",
            "line 6: rnncalc cannot tell whether self.enc holds parameters: Encoder(…) comes from outside the code",
        ),
        ("class A(nn.Module):\n    pass\nclass B(nn.Module):\n    pass", "several model classes (A, B)"),
        (
            "import keras\nclass M(keras.Model):\n    def __init__(self):\n        super().__init__()\nm = M()",
            "Keras makes its weights when call() first runs",
        ),
    ],
)
def test_what_only_running_the_code_would_tell_is_refused_precisely(run, code, message):
    status, out, err = run("params", "--from", code)
    assert (status, out) == (2, "") and err.count("\n") == 1
    assert message in err, err


def test_set_answers_an_open_name_and_wins_over_the_code(run):
    code = "import torch.nn as nn\nvocab = len(load_vocab())\nemb = nn.Embedding(vocab, 16)"
    assert run("params", "--from", code, "--set", "vocab=10k", "-q") == (0, f"{10_000 * 16}\n", "")
    assert run("params", "--from", code, "--set", "vocab")[0] == 2  # NAME=VALUE
    assert run("params", "--set", "vocab=3", "--hidden", "4", "--in", "2")[0] == 2  # --set needs --from


def test_a_plain_list_of_modules_is_not_registered_and_the_report_says_so():
    code = "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.layers = [nn.Linear(4, 4)]\n        self.out = nn.Linear(4, 1)\nm = M()"
    model = read_model(code)
    assert model.total == 5 and "plain list" in model.notes[0]


def test_a_file_that_is_not_there_or_not_text_is_one_line(run, tmp_path):
    assert run("params", "--from", str(tmp_path / "missing.py"))[0] == 2
    bad = tmp_path / "bad.py"
    bad.write_bytes(b"\xff\xfe\x00")
    status, _, err = run("params", "--from", str(bad))
    assert status == 2 and "not UTF-8" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "code",
    [
        "x = 10 ** 10 ** 10\nnn.Linear(x, 2)",
        "s = 'a' * 10 ** 9",
        "while True:\n    self.x = nn.Linear(2, 2)",
        "def f(n):\n    return f(n)\nf(1)",
        "for i in range(10 ** 9):\n    pass",
        "[" * 200 + "]" * 200,
        # the work one call does on what is already built is bounded too
        "x = [[0] * 99999] * 99999\nm = nn.Linear(len(str(x)), 2)",
        "x = [[0] * 99999 for _ in range(99999)]",
        "x = [[0] * 99999] * 99999\nm = nn.Linear(2, 2 if x == x else 3)",
        "x = [[0] * 99999] * 99999\nm = nn.Linear(len(sorted(x)), 2)",
        "s = 'a' * 99999\nt = ''.join([s] * 1000)\nm = nn.Linear(len(t), 2)",
        "s = '{0:{1}}'.format('a', 3000000000)\nm = nn.Linear(len(s), 2)",
        "s = '%*d' % (3000000000, 1)\nm = nn.Linear(len(s), 2)",
    ],
)
def test_hostile_code_is_refused_quickly(run, code):
    status, out, err = run("params", "--from", code)
    assert status == 2 and out == "" and err.count("\n") == 1


@pytest.mark.parametrize(
    "code,message",
    [
        # tied weights: PyTorch counts the shared tensor once; rnncalc refuses rather than count it twice
        (
            "class LM(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.emb = nn.Embedding(50, 8)\n"
            "        self.out = nn.Linear(8, 50)\n        self.out.weight = self.emb.weight\nm = LM()",
            "line 6: nn.Linear's weight is replaced here (tied or shared weights)",
        ),
        # a module handed to the constructor and called in forward: not 0 parameters, but unknown
        (
            "class Pair(nn.Module):\n    def __init__(self, encoder):\n        super().__init__()\n        self.encoder = encoder\n"
            "    def forward(self, x):\n        return self.encoder(x)",
            "line 4: self.encoder is a module given to the constructor (encoder), not built in the code",
        ),
    ],
)
def test_what_would_be_a_silently_wrong_count_is_refused(run, code, message):
    status, out, err = run("params", "--from", code)
    assert (status, out) == (2, "") and message in err, err


def test_a_name_bound_twice_is_the_model_it_holds_last():
    code = (
        "import torch.nn as nn\nclass N(nn.Module):\n    def __init__(self, h):\n        super().__init__()\n"
        "        self.l = nn.Linear(h, h)\nmodel = N(8)\nmodel = N(64)"
    )
    assert read_model(code).total == 64 * 64 + 64


def test_two_models_in_one_file_are_named_not_summed():
    code = "import torch.nn as nn\nclass N(nn.Module):\n    def __init__(self, h):\n        super().__init__()\n        self.l = nn.Linear(h, h)\nstudent = N(8)\nteacher = N(64)"
    with pytest.raises(InvalidArgument, match=r"several models \(student, teacher\)"):
        read_model(code)
    assert read_model(code, entry="student").total == 8 * 8 + 8


def test_a_set_the_code_never_reads_is_a_typo():
    with pytest.raises(InvalidArgument, match="--set hiden: the code never reads hiden"):
        read_model("import torch.nn as nn\nhidden = 8\nrnn = nn.GRU(4, hidden)", values={"hiden": 16})


def test_modules_built_alone_each_count(run):
    # An adversarial round found two bare constructors counted as one (the second's name replaced the first's):
    # LSTM(28, 128) = 4(28·128 + 128² + 2·128) = 80,896 and LSTM(128, 10) = 4(128·10 + 10² + 2·10) = 5,600.
    assert run("params", "--from", "nn.LSTM(28, 128); nn.LSTM(128, 10)", "-q")[1] == f"{80_896 + 5_600}\n"
    # Linear(28, 128) = 28·128 + 128, Linear(128, 10) = 128·10 + 10; a variable of the same name takes nothing away
    assert run("params", "--from", "linear = 1\nnn.Linear(28, 128)\nnn.Linear(128, 10)", "-q")[1] == "5002\n"
    # nor a variable named later as the module alone would be (a second round found these dropped one of the two)
    assert run("params", "--from", "nn.LSTM(28, 128); lstm = nn.LSTM(128, 10)", "-q")[1] == f"{80_896 + 5_600}\n"
    assert run("params", "--from", "nn.Linear(28, 128); linear = nn.Linear(128, 10)", "-q")[1] == "5002\n"
