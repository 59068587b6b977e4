"""store_through_slots: the quicker __init__ of the model keeps everything dataclasses promised."""

import dataclasses
import inspect
import pickle

import pytest

from safepath.story import conditions, model
from safepath.story.direct_init import store_through_slots

MADE_OFTEN = [model.Pos, model.Text, model.Source, model.Character, model.RedFlag, model.SafeSign, model.Offer,
              model.Agency, model.PhoneDrill, model.RegisterDrill, model.CodewordDrill, model.TravelPlanDrill,
              model.Line, model.DebriefPart, model.Effects, model.Choice, model.Scene, model.Badge, model.Scenario,
              conditions.Number, conditions.Bool, conditions.Name, conditions.Call, conditions.Not,
              conditions.BoolOp, conditions.Compare]


def _twin(cls):
    """The same fields, with the __init__ dataclasses writes."""
    return dataclasses.make_dataclass(
        cls.__name__, [(f.name, f.type, f) for f in dataclasses.fields(cls)], frozen=True, slots=True)


@pytest.mark.parametrize("cls", MADE_OFTEN, ids=lambda c: c.__name__)
def test_same_arguments_and_defaults_as_dataclasses_gives(cls):
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
    ours = inspect.signature(cls.__init__).parameters
    theirs = inspect.signature(_twin(cls).__init__).parameters
    assert list(ours) == list(theirs)
    for name, param in theirs.items():
        if name == "self":
            continue
        field = next(f for f in dataclasses.fields(cls) if f.name == name)
        if field.default_factory is dataclasses.MISSING:
            assert ours[name].default == param.default, name
        else:
            assert ours[name].default is not inspect.Parameter.empty, name


def test_values_land_in_their_fields_and_stay_frozen():
    pos = model.Pos("a.yaml", 3, 7)
    assert (pos.file, pos.line, pos.column) == ("a.yaml", 3, 7)
    assert pos == model.Pos(file="a.yaml", column=7, line=3) and hash(pos) == hash(model.Pos("a.yaml", 3, 7))
    with pytest.raises(dataclasses.FrozenInstanceError):
        pos.line = 4
    with pytest.raises(TypeError):
        model.Pos("a.yaml", 3)
    with pytest.raises(TypeError):
        model.Pos("a.yaml", 3, 7, 9)
    assert dataclasses.replace(pos, line=9) == model.Pos("a.yaml", 9, 7)
    assert pickle.loads(pickle.dumps(pos)) == pos
    assert repr(pos) == "Pos(file='a.yaml', line=3, column=7)"


def test_a_default_factory_makes_a_new_value_each_time():
    first, second = model.Effects(), model.Effects()
    assert first.scores == {} and first.scores is not second.scores
    given = {"safety": 1}
    assert model.Effects(scores=given).scores is given
    assert model.Effects().spots == () and model.Effects().accepts is None


def test_only_frozen_slotted_plain_dataclasses_are_taken():
    @dataclasses.dataclass(slots=True)
    class Open:
        x: int

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Later:
        x: int

        def __post_init__(self):
            pass

    for cls in (Open, NoSlots, Later):
        with pytest.raises(TypeError):
            store_through_slots(cls)
